/**
 * One page below a part. Next.js allows one dynamic segment per level, so the
 * segment is either an area ("area-3": the area with its ambiti) or a section
 * codice (a page of the part, or an ambito's page); a section codice wins.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AmbitoIntestazione } from "@/app/_components/edition/AmbitoIntestazione";
import { ContenutoPagina } from "@/app/_components/edition/ContenutoPagina";
import { indirizzi } from "@/app/_components/edition/IndiceNav";
import type { Note } from "@/lib/content/notes";
import { risolviPagina, vicine, type AreaIndice, type IndiceEdizione, type PaginaEdizione, type ParteIndice } from "@/lib/publication/indice";
import type { Pubblicazione } from "@/lib/publication/queries";
import { base, caricaEdizione } from "../../../_lib/carica";
import { Briciole } from "../../../_components/Briciole";
import { ValutazionePagina } from "@/app/_components/ascolto/ValutazionePagina";
import { descrizione } from "../../../_lib/descrizione";

// Served from the full-route cache: see app/edizioni/[slug]/page.tsx.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams(): { slug: string; parte: string; pagina: string }[] {
  return [];
}

type Params = { params: Promise<{ slug: string; parte: string; pagina: string }> };

function carica(slug: string, parte: string, pagina: string) {
  const e = caricaEdizione(slug);
  const r = e ? risolviPagina(e.indice, parte, pagina) : null;
  return e && r ? { ...e, r } : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, parte, pagina } = await params;
  const c = carica(slug, parte, pagina);
  if (!c) return { title: "Pagina non trovata" };
  const titolo = c.r.tipo === "area" ? `Area ${c.r.area.numero} – ${c.r.area.titolo}` : c.r.pagina.titolo;
  const edizione = `${c.pub.dati.edizione.titolo} (${c.pub.dati.ente.nome})`;
  const testo =
    c.r.tipo === "area"
      ? `${titolo}, ${edizione}: ${c.r.area.pagine.map((p) => p.titolo).join("; ")}.`
      : c.r.pagina.ambito
        ? `${titolo}, ${edizione}. Obiettivo: ${c.r.pagina.ambito.obiettivo}`
        : `${titolo}: ${c.r.parte.titolo}, ${edizione}.`;
  return { title: `${titolo} · ${c.pub.dati.edizione.titolo}`, description: descrizione(testo) };
}

export default async function PaginaPage({ params }: Params) {
  const { slug, parte, pagina } = await params;
  const c = carica(slug, parte, pagina);
  if (!c) notFound();
  const percorso = `${c.r.parte.codice}/${c.r.tipo === "area" ? c.r.area.segmento : c.r.pagina.codice}`;
  return (
    <>
      {c.r.tipo === "area" ? (
        <AreaVista pub={c.pub} parte={c.r.parte} area={c.r.area} />
      ) : (
        <SezioneVista pub={c.pub} indice={c.indice} note={c.note} pagina={c.r.pagina} />
      )}
      <ValutazionePagina slug={slug} revisione={c.pub.revisione} percorso={percorso} />
    </>
  );
}

function AreaVista({ pub, parte, area }: { pub: Pubblicazione; parte: ParteIndice; area: AreaIndice }) {
  const b = base(pub.slug);
  const vai = indirizzi(b);
  return (
    <>
      <Briciole
        voci={[
          { href: "/edizioni", testo: "Edizioni" },
          { href: b, testo: pub.dati.edizione.titolo },
          { href: vai.parte(parte), testo: parte.titolo },
        ]}
        corrente={`Area ${area.numero}`}
      />
      <p className="text-uppercase fw-semibold text-primary mb-1">Area {area.numero}</p>
      <h1>{area.titolo}</h1>
      {area.pagine.length === 0 && <p className="text-muted">Quest&apos;area non ha ambiti.</p>}
      {area.pagine.map((p) => (
        <div key={p.codice} className="my-4">
          <h2 className="h3">
            <Link href={vai.pagina(p)}>{p.titolo}</Link>
          </h2>
          {p.ambito && <AmbitoIntestazione ambito={p.ambito} settori={pub.dati.settori} />}
        </div>
      ))}
    </>
  );
}

function SezioneVista({ pub, indice, note, pagina }: { pub: Pubblicazione; indice: IndiceEdizione; note: Note; pagina: PaginaEdizione }) {
  const b = base(pub.slug);
  const vai = indirizzi(b);
  const parte = indice.parti.find((p) => p.codice === pagina.parte.codice)!;
  const area = pagina.area && parte.aree.find((a) => a.numero === pagina.area!.numero);
  const { precedente, successiva } = vicine(indice, pagina);
  return (
    <article>
      <Briciole
        voci={[
          { href: "/edizioni", testo: "Edizioni" },
          { href: b, testo: pub.dati.edizione.titolo },
          { href: vai.parte(parte), testo: parte.titolo },
          ...(area ? [{ href: vai.area(parte, area), testo: `Area ${area.numero}` }] : []),
        ]}
        corrente={pagina.titolo}
      />
      {area && <p className="text-uppercase fw-semibold text-primary mb-1">Area {area.numero} – {area.titolo}</p>}
      <h1>{pagina.titolo}</h1>
      {pagina.ambito && <AmbitoIntestazione ambito={pagina.ambito} settori={pub.dati.settori} />}
      {/* The blocks' own headings are h3: this keeps the outline h1 → h2 → h3. */}
      <h2 className="visually-hidden">Contenuti della pagina</h2>
      <ContenutoPagina sezione={pagina.sezione} note={note} prefissoId="blocco-" />
      <nav aria-label="Pagina precedente e successiva" className="d-flex flex-column flex-md-row justify-content-between gap-3 border-top mt-5 pt-4">
        {precedente ? (
          <Link href={vai.pagina(precedente)} rel="prev">
            <span className="d-block small text-muted">Pagina precedente</span>
            {precedente.titolo}
          </Link>
        ) : (
          <span />
        )}
        {successiva && (
          <Link href={vai.pagina(successiva)} rel="next" className="text-md-end">
            <span className="d-block small text-muted">Pagina successiva</span>
            {successiva.titolo}
          </Link>
        )}
      </nav>
    </article>
  );
}
