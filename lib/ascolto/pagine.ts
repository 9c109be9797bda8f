/**
 * The public pages a rating can be about, named as the widget names them (`percorso`,
 * below /edizioni/<slug>): "" the cover, "<parte>" a part, "<parte>/area-N" an area,
 * "<parte>/<codice>" a page or an ambito. Computed from the published index alone.
 */
import { indiceEdizione, risolviPagina, type IndiceEdizione } from "../publication/indice";
import type { DatiEdizione } from "../publication/dati";

export interface PaginaValutabile {
  percorso: string;
  titolo: string;
  /** The ambito's section codice when the page is an ambito's: what the next edition carries on. */
  ambito: string | null;
}

/** Where a rated page is, or null when the edition has no such page. */
export function risolviPercorso(indice: IndiceEdizione, percorso: string): PaginaValutabile | null {
  if (percorso === "") return { percorso, titolo: "Copertina", ambito: null };
  const parti = percorso.split("/");
  if (parti.length > 2 || parti.some((p) => p === "")) return null;
  const parte = indice.parti.find((p) => p.codice === parti[0]);
  if (!parte) return null;
  if (parti.length === 1) return { percorso, titolo: parte.titolo, ambito: null };
  const r = risolviPagina(indice, parti[0], parti[1]);
  if (!r) return null;
  if (r.tipo === "area") return { percorso, titolo: `Area ${r.area.numero} – ${r.area.titolo}`, ambito: null };
  return { percorso, titolo: r.pagina.titolo, ambito: r.pagina.ambito ? r.pagina.codice : null };
}

/** Every page of the edition that carries the widget, in reading order. */
export function pagineValutabili(dati: DatiEdizione): PaginaValutabile[] {
  const indice = indiceEdizione(dati);
  const out: PaginaValutabile[] = [{ percorso: "", titolo: "Copertina", ambito: null }];
  for (const p of indice.parti) {
    out.push({ percorso: p.codice, titolo: p.titolo, ambito: null });
    for (const s of p.pagine) out.push({ percorso: `${p.codice}/${s.codice}`, titolo: s.titolo, ambito: null });
    for (const a of p.aree) {
      out.push({ percorso: `${p.codice}/${a.segmento}`, titolo: `Area ${a.numero} – ${a.titolo}`, ambito: null });
      for (const s of a.pagine) out.push({ percorso: `${p.codice}/${s.codice}`, titolo: s.titolo, ambito: s.ambito ? s.codice : null });
    }
  }
  return out;
}

export interface AmbitoValutabile {
  codice: string;
  titolo: string;
  percorso: string;
  parte: string;
  area: { numero: number; titolo: string };
}

/** The edition's ambiti, in reading order. */
export function ambitiEdizione(dati: DatiEdizione): AmbitoValutabile[] {
  const indice = indiceEdizione(dati);
  return indice.parti.flatMap((p) =>
    p.aree.flatMap((a) =>
      a.pagine.filter((s) => s.ambito).map((s) => ({ codice: s.codice, titolo: s.titolo, percorso: `${p.codice}/${s.codice}`, parte: p.titolo, area: { numero: a.numero, titolo: a.titolo } })),
    ),
  );
}

/** The public address of a rated page. */
export const indirizzoPagina = (slug: string, percorso: string): string => `/edizioni/${slug}${percorso ? `/${percorso}` : ""}`;
