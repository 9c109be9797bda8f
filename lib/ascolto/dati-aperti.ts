/**
 * The citizens' ratings as open data ("valutazioni.csv"): one row per ambito of the
 * edition, with how many rated its page, the average and the distribution over 1–5
 * stars. Only the aggregate: never a comment, an email, a date of one rating or an
 * address hash. Same format as dati.csv: UTF-8 with BOM, comma, RFC 4180 quoting,
 * CRLF, decimal point. The coordinator publishes it; the bytes are then frozen.
 */
import { campo } from "../publication/csv";
import type { DatiEdizione } from "../publication/dati";
import { aggregaPer, aggregatoVuoto, mediaArrotondata } from "./aggregazione";
import { ambitiEdizione } from "./pagine";

export const COLONNE_VALUTAZIONI = [
  { nome: "edizione", descrizione: "Indirizzo (slug) dell'edizione" },
  { nome: "parte", descrizione: "Titolo della parte del bilancio" },
  { nome: "area_numero", descrizione: "Numero dell'area della visione politica" },
  { nome: "area", descrizione: "Titolo dell'area" },
  { nome: "ambito_codice", descrizione: "Codice stabile dell'ambito (lo stesso di dati.json e dati.csv)" },
  { nome: "ambito", descrizione: "Titolo dell'ambito" },
  { nome: "valutazioni", descrizione: "Quante valutazioni ha ricevuto la pagina dell'ambito (escluse quelle nascoste come spam)" },
  { nome: "media", descrizione: "Media delle stelle da 1 a 5, due decimali con il punto; vuota senza valutazioni" },
  { nome: "voti_1", descrizione: "Valutazioni con 1 stella (per niente chiare)" },
  { nome: "voti_2", descrizione: "Valutazioni con 2 stelle" },
  { nome: "voti_3", descrizione: "Valutazioni con 3 stelle" },
  { nome: "voti_4", descrizione: "Valutazioni con 4 stelle" },
  { nome: "voti_5", descrizione: "Valutazioni con 5 stelle (molto chiare)" },
] as const;

/** The CSV text of an edition's ratings per ambito; `voti` are the edition's ratings (spam already left out). */
export function csvValutazioni(dati: DatiEdizione, voti: Iterable<{ ambito: string | null; voto: number }>): string {
  const per = aggregaPer(voti, (v) => v.ambito, (v) => v.voto);
  const righe = [COLONNE_VALUTAZIONI.map((c) => c.nome).join(",")];
  for (const a of ambitiEdizione(dati)) {
    const g = per.get(a.codice) ?? aggregatoVuoto();
    const media = mediaArrotondata(g.media);
    righe.push(
      [dati.edizione.slug, a.parte, String(a.area.numero), a.area.titolo, a.codice, a.titolo, String(g.conteggio), media === null ? "" : String(media), ...g.distribuzione.map(String)]
        .map(campo)
        .join(","),
    );
  }
  return `\uFEFF${righe.join("\r\n")}\r\n`;
}
