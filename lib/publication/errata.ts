/**
 * What an erratum changed, computed from the two signed snapshots rather than
 * taken on trust: the pages whose content (or whose ambito's heading) differs
 * between a revision and the one before it.
 */
import type { Db } from "../../db/client";
import { serializzaCanonico } from "./canonical";
import type { DatiEdizione } from "./dati";
import { pubblicazione } from "./queries";

export interface PaginaCambiata {
  parte: string;
  codice: string;
  titolo: string;
  cambio: "modificata" | "aggiunta" | "tolta";
}

/** Every page of an edition by section codice, with the text that identifies its content. */
function pagine(dati: DatiEdizione): Map<string, { parte: string; titolo: string; impronta: string }> {
  const out = new Map<string, { parte: string; titolo: string; impronta: string }>();
  for (const parte of dati.parti) {
    for (const s of parte.sezioni) out.set(s.codice, { parte: parte.codice, titolo: s.titolo, impronta: serializzaCanonico(s) });
    for (const area of parte.aree)
      for (const { sezione, ...ambito } of area.ambiti) {
        out.set(sezione.codice, { parte: parte.codice, titolo: ambito.titolo, impronta: serializzaCanonico({ ambito, sezione }) });
      }
  }
  return out;
}

export function pagineCambiate(prima: DatiEdizione, dopo: DatiEdizione): PaginaCambiata[] {
  const a = pagine(prima);
  const b = pagine(dopo);
  const out: PaginaCambiata[] = [];
  for (const [codice, p] of b) {
    const vecchia = a.get(codice);
    if (!vecchia) out.push({ parte: p.parte, codice, titolo: p.titolo, cambio: "aggiunta" });
    else if (vecchia.impronta !== p.impronta) out.push({ parte: p.parte, codice, titolo: p.titolo, cambio: "modificata" });
  }
  for (const [codice, p] of a) if (!b.has(codice)) out.push({ parte: p.parte, codice, titolo: p.titolo, cambio: "tolta" });
  return out;
}

/** For each revision after the first, the pages it changed from the previous one. */
export function cambiamentiDelleRevisioni(db: Db, slug: string): Map<number, PaginaCambiata[]> {
  const ultima = pubblicazione(db, slug);
  const out = new Map<number, PaginaCambiata[]>();
  if (!ultima) return out;
  let precedente = pubblicazione(db, slug, ultima.revisioni[0].revisione)!;
  for (const r of ultima.revisioni.slice(1)) {
    const questa = pubblicazione(db, slug, r.revisione)!;
    out.set(r.revisione, pagineCambiate(precedente.dati, questa.dati));
    precedente = questa;
  }
  return out;
}
