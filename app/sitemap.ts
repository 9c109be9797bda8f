/**
 * /sitemap.xml: every public page of every published edition, with the absolute
 * public address (lib/mail/link.ts) and, as last modification, the publication of
 * the revision the page shows. Read on every request: a publication or an erratum
 * shows at once. An edition whose bytes no longer match their signature is left
 * out (its pages answer 500; the log says why).
 */
import type { MetadataRoute } from "next";
import { getDb } from "@/db/client";
import { indirizzi } from "@/app/_components/edition/IndiceNav";
import { linkAssoluto, indirizzoPubblico } from "@/lib/mail/link";
import { indiceEdizione } from "@/lib/publication/indice";
import { edizioniPubblicate, pubblicazione, type Pubblicazione } from "@/lib/publication/queries";
import { PubblicazioneAlterata } from "@/lib/publication/verifica";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

export default function sitemap(): MetadataRoute.Sitemap {
  const db = getDb();
  const base = indirizzoPubblico();
  const url = (percorso: string) => linkAssoluto(percorso, base);
  const elenco = edizioniPubblicate(db);
  const voci: MetadataRoute.Sitemap = [{ url: url("/edizioni"), lastModified: elenco.map((e) => e.pubblicataIl).sort().at(-1) }];
  for (const e of elenco) {
    let p: Pubblicazione | null;
    try {
      p = pubblicazione(db, e.slug);
    } catch (errore) {
      if (!(errore instanceof PubblicazioneAlterata)) throw errore;
      log.error({ lavoro: "integrità", slug: e.slug, errore: errore.message }, "edizione lasciata fuori da sitemap.xml");
      continue;
    }
    if (!p) continue;
    const b = `/edizioni/${encodeURIComponent(p.slug)}`;
    const pagina = (percorso: string, lastModified = p.pubblicataIl) => voci.push({ url: url(percorso), lastModified });
    const vai = indirizzi(b);
    pagina(b);
    for (const parte of indiceEdizione(p.dati).parti) {
      pagina(vai.parte(parte));
      for (const s of parte.pagine) pagina(vai.pagina(s));
      for (const a of parte.aree) {
        pagina(vai.area(parte, a));
        for (const s of a.pagine) pagina(vai.pagina(s));
      }
    }
    pagina(`${b}/integrita`);
    // Each revision whole on one page, at its own address that never changes.
    for (const r of p.revisioni) pagina(`${b}/revisioni/${r.revisione}`, r.pubblicataIl);
  }
  return voci;
}
