/**
 * The open data of a published edition as CSV ("dati.csv"), in long format:
 * one row per datum, so a spreadsheet or a script can filter and pivot it
 * without knowing the report's layout. Every indicator (and its comparisons),
 * every series value (category × series), every table cell, every field of a
 * PRIMA/DOPO card and every text block is a row; each ambito adds its
 * obiettivo, settori and assessori.
 *
 * Format (machine-readable open data, as AgID's guidelines recommend): UTF-8
 * with a BOM (so Excel reads the accents), comma separator, RFC 4180 quoting,
 * CRLF line ends, numbers with a decimal POINT and no thousands separator.
 * Values are written exactly as published: no formula defusing, which would
 * alter the data (a leading "-" is a negative number, not an attack).
 * The output depends only on the data, so the same revision always gives the
 * same bytes.
 */
import { noteDelTesto, richDocToPlainText, type RichDoc } from "../content/rich-text";
import type { Blocco, Indicatore, Scheda, Serie, Tabella, Testo } from "../content/blocks";
import type { DatiEdizione, SezioneDati } from "./dati";

/** The columns, in order, with what they hold: printed on the public page and in the schema docs. */
export const COLONNE_CSV = [
  { nome: "parte", descrizione: "Titolo della parte del bilancio (es. \"Identità\")" },
  { nome: "area_numero", descrizione: "Numero dell'area della visione politica (solo nella parte \"Dagli impegni ai risultati\")" },
  { nome: "area", descrizione: "Titolo dell'area" },
  { nome: "ambito", descrizione: "Titolo dell'ambito (tema) dentro l'area" },
  { nome: "sezione_codice", descrizione: "Codice stabile della sezione, lo stesso di dati.json" },
  { nome: "sezione", descrizione: "Titolo della sezione (pagina)" },
  { nome: "settore", descrizione: "Settore comunale responsabile della sezione" },
  { nome: "blocco", descrizione: "Posizione del blocco nella sezione (1, 2, …); vuoto per le righe dell'ambito" },
  { nome: "tipo", descrizione: "indicatore, serie, tabella, scheda, testo, oppure ambito (obiettivo, settori e assessori dell'ambito)" },
  { nome: "titolo", descrizione: "Titolo del blocco; per un indicatore la sua etichetta" },
  {
    nome: "campo",
    descrizione:
      "Il dato della riga: valore, variazione, confronto_differenza, confronto_riferimento, valore_precedente (indicatore: il valore dell'edizione precedente, nella colonna descrizione); valore, dati_mancanti (serie); cella (tabella); prima, dopo, destinatari, luogo, tempi, costo_comune, costo_altri, soggetti, risultato, risultato_variazione, narrativa (scheda); testo (testo); obiettivo, settori, assessori (ambito)",
  },
  { nome: "descrizione", descrizione: "Che cosa è il dato: testo di un confronto, didascalia di un risultato, descrizione di un costo, edizione da cui viene un valore precedente" },
  { nome: "categoria", descrizione: "Serie: la categoria o l'anno sull'asse del grafico" },
  { nome: "serie", descrizione: "Serie: il nome della serie di valori" },
  { nome: "riga", descrizione: "Numero d'ordine della riga (cella di tabella), del confronto o del risultato, da 1" },
  { nome: "colonna", descrizione: "Tabella: l'intestazione della colonna della cella" },
  { nome: "valore", descrizione: "Valore numerico con il punto decimale e senza separatore delle migliaia (es. 1800000, 2.11); vuoto se il dato non è un numero o manca" },
  { nome: "unita", descrizione: "Unità di misura del valore (abitanti, euro, %, …)" },
  { nome: "riferimento", descrizione: "Anno o data di riferimento dell'indicatore (o del suo valore precedente), come scritto nel bilancio (es. \"al 31/12/2015\")" },
  { nome: "fonte", descrizione: "Fonte del dato" },
  { nome: "nota", descrizione: "Nota al dato; per un testo anche le sue note a piè di pagina, una per riga" },
  { nome: "testo", descrizione: "Valore testuale: testo al posto del numero, cella di testo, campo di una scheda (elenchi con una voce per riga), testo del blocco" },
] as const;

export type ColonnaCsv = (typeof COLONNE_CSV)[number]["nome"];
export type RigaCsv = Partial<Record<ColonnaCsv, string | number | null | undefined>>;

const NOMI = COLONNE_CSV.map((c) => c.nome);

/** A number as open data: decimal point, no grouping; -0 is 0. */
export function numeroCsv(n: number | null | undefined): string {
  if (n === null || n === undefined) return "";
  if (!Number.isFinite(n)) throw new Error("Numero non finito: non rappresentabile nel CSV");
  return Object.is(n, -0) ? "0" : String(n);
}

/** One RFC 4180 field: quoted when it holds a comma, a quote, a line break or edge spaces; quotes doubled. */
export function campo(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

const elenco = (voci: readonly string[]) => voci.join("\n");

function righeIndicatore(b: Indicatore): RigaCsv[] {
  const out: RigaCsv[] = [{ titolo: b.etichetta, campo: b.variazione ? "variazione" : "valore", valore: b.valore, testo: b.testoValore, unita: b.unita }];
  (b.confronti ?? []).forEach((c, i) =>
    out.push({
      titolo: b.etichetta,
      campo: c.tipo === "riferimento" ? "confronto_riferimento" : "confronto_differenza",
      riga: i + 1,
      descrizione: c.testo,
      valore: c.valore,
      unita: c.unita,
    }),
  );
  out.forEach((r) => (r.riferimento = b.riferimento));
  // The previous edition's figure it is compared with, with its own reference year.
  if (b.base) {
    out.push({ titolo: b.etichetta, campo: "valore_precedente", descrizione: b.base.edizione, valore: b.base.valore, testo: b.base.testoValore, unita: b.base.unita, riferimento: b.base.riferimento ?? String(b.base.anno) });
  }
  return out;
}

function righeSerie(b: Serie): RigaCsv[] {
  const out: RigaCsv[] = [];
  for (const s of b.serie) {
    b.categorie.forEach((categoria, i) => out.push({ campo: "valore", categoria, serie: s.nome, valore: s.valori[i], unita: b.unita }));
  }
  // A chart whose numbers the source lost is still listed, said to be missing, never filled in.
  if (b.datiMancanti) out.push({ campo: "dati_mancanti", unita: b.unita, testo: "Dati non disponibili nella fonte" });
  return out.map((r) => ({ ...r, titolo: b.titolo }));
}

function righeTabella(b: Tabella): RigaCsv[] {
  const out: RigaCsv[] = [];
  b.righe.forEach((riga, r) =>
    riga.forEach((cella, c) =>
      out.push({
        titolo: b.titolo,
        campo: "cella",
        riga: r + 1,
        colonna: b.intestazione[c],
        valore: typeof cella === "number" ? cella : null,
        testo: typeof cella === "string" ? cella : null,
      }),
    ),
  );
  return out;
}

/** The footnotes inside a rich text join the block's own note, one per line. */
const noteConTesto = (nota: string | undefined, doc: RichDoc | undefined) => elenco([...(nota ? [nota] : []), ...(doc ? noteDelTesto(doc) : [])]);

function righeScheda(b: Scheda): RigaCsv[] {
  const out: RigaCsv[] = [];
  if (b.prima.length) out.push({ campo: "prima", testo: elenco(b.prima) });
  if (b.dopo.length) out.push({ campo: "dopo", testo: elenco(b.dopo) });
  if (b.destinatari) out.push({ campo: "destinatari", testo: b.destinatari });
  if (b.luogo) out.push({ campo: "luogo", testo: b.luogo });
  if (b.tempi) out.push({ campo: "tempi", testo: b.tempi });
  for (const [chi, costo] of [["comune", b.costi.comune], ["altri", b.costi.altri]] as const) {
    if (!costo || (costo.importo === undefined && !costo.descrizione)) continue;
    out.push({ campo: `costo_${chi}`, valore: costo.importo, unita: costo.importo !== undefined ? "euro" : undefined, descrizione: costo.descrizione });
  }
  if (b.soggetti.length) out.push({ campo: "soggetti", testo: elenco(b.soggetti) });
  b.risultati.forEach((r, i) =>
    out.push({ campo: r.variazione ? "risultato_variazione" : "risultato", riga: i + 1, descrizione: r.didascalia, valore: r.valore, unita: r.unita, testo: r.testoValore }),
  );
  const conNota = (r: RigaCsv): RigaCsv => ({ ...r, titolo: b.titolo, nota: b.nota });
  if (b.narrativa) return [...out.map(conNota), { titolo: b.titolo, campo: "narrativa", testo: richDocToPlainText(b.narrativa), nota: noteConTesto(b.nota, b.narrativa) }];
  return out.map(conNota);
}

function righeTesto(b: Testo): RigaCsv[] {
  return [{ titolo: b.titolo, campo: "testo", testo: richDocToPlainText(b.contenuto), nota: noteConTesto(b.nota, b.contenuto) }];
}

/** The rows of one block, without its place in the edition. */
export function righeBlocco(b: Blocco): RigaCsv[] {
  let righe: RigaCsv[];
  switch (b.tipo) {
    case "indicatore": righe = righeIndicatore(b); break;
    case "serie": righe = righeSerie(b); break;
    case "tabella": righe = righeTabella(b); break;
    case "scheda": righe = righeScheda(b); break;
    case "testo": righe = righeTesto(b); break;
  }
  // Source and note belong to the whole block: every row carries them; a row's own note wins.
  return righe.map((r) => ({ tipo: b.tipo, fonte: b.fonte, ...r, nota: r.nota || b.nota }));
}

/** Every row of the edition, in reading order. */
export function righeDati(dati: DatiEdizione): RigaCsv[] {
  const nomeSettore = new Map(dati.settori.map((s) => [s.codice, s.nome]));
  const out: RigaCsv[] = [];
  const sezione = (s: SezioneDati, luogo: RigaCsv) => {
    const dove = { ...luogo, sezione_codice: s.codice, sezione: s.titolo, settore: nomeSettore.get(s.settore) ?? s.settore };
    s.blocchi.forEach((b, i) => righeBlocco(b).forEach((r) => out.push({ ...dove, blocco: i + 1, ...r })));
    return dove;
  };
  for (const parte of dati.parti) {
    for (const s of parte.sezioni) sezione(s, { parte: parte.titolo });
    for (const area of parte.aree) {
      for (const ambito of area.ambiti) {
        const luogo: RigaCsv = { parte: parte.titolo, area_numero: area.numero, area: area.titolo, ambito: ambito.titolo };
        const dove = { ...luogo, sezione_codice: ambito.sezione.codice, sezione: ambito.sezione.titolo, settore: nomeSettore.get(ambito.sezione.settore) ?? ambito.sezione.settore };
        out.push({ ...dove, tipo: "ambito", campo: "obiettivo", testo: ambito.obiettivo });
        out.push({ ...dove, tipo: "ambito", campo: "settori", testo: elenco(ambito.settori.map((c) => nomeSettore.get(c) ?? c)) });
        if (ambito.assessori.length) out.push({ ...dove, tipo: "ambito", campo: "assessori", testo: elenco(ambito.assessori) });
        sezione(ambito.sezione, luogo);
      }
    }
  }
  return out;
}

function testoCella(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? numeroCsv(v) : v;
}

/** dati.csv: header and rows, UTF-8 BOM, CRLF line ends (RFC 4180), a final line break. */
export function datiCsv(dati: DatiEdizione): string {
  const linee = [NOMI.join(","), ...righeDati(dati).map((r) => NOMI.map((n) => campo(testoCella(r[n]))).join(","))];
  return `\uFEFF${linee.join("\r\n")}\r\n`;
}
