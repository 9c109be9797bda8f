/**
 * Reading a spreadsheet into a grid of strings: CSV/TXT (";" "," or tab, as Italian
 * Excel exports them) and XLSX. Every cell becomes the text a person would type, so
 * the same Italian number parser handles a CSV "1.234,5" and an XLSX number cell.
 */
import { formatNumero } from "../numbers/format";
import { analizzaDelimitato, togliRigheVuoteFinali } from "./incolla";
import { contaRigheECelleXml, estraiZip } from "./zip-sicuro";

/** The largest sheet accepted, header included. */
export const MAX_RIGHE = 5000;
/** Cells of any one sheet (filled or styled): 5000 rows of 40 columns. */
export const MAX_CELLE = 200_000;

const SEPARATORI = ["\t", ";", ","] as const;
export type Separatore = (typeof SEPARATORI)[number];

function estensione(nome: string): string {
  const m = /\.([^./\\]+)$/.exec(nome.trim());
  return m ? m[1].toLowerCase() : "";
}

function erroreTroppeRighe(n: number): Error {
  return new Error(
    `Il foglio ha ${formatNumero(n)} righe: se ne possono importare al massimo ${formatNumero(MAX_RIGHE)}. Dividere il file in parti più piccole.`,
  );
}

function controllaLimite(righe: string[][]): void {
  if (righe.length > MAX_RIGHE) throw erroreTroppeRighe(righe.length);
}

/* ------------------------------------------------------------------ testo */

// Node's "windows-1252" decoder is plain Latin-1; the C1 range must follow the WHATWG table (0x80 → "€").
const CP1252_C1: Record<number, string> = {
  0x80: "€", 0x82: "‚", 0x83: "ƒ", 0x84: "„", 0x85: "…", 0x86: "†", 0x87: "‡", 0x88: "ˆ", 0x89: "‰",
  0x8a: "Š", 0x8b: "‹", 0x8c: "Œ", 0x8e: "Ž", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x95: "•",
  0x96: "–", 0x97: "—", 0x98: "˜", 0x99: "™", 0x9a: "š", 0x9b: "›", 0x9c: "œ", 0x9e: "ž", 0x9f: "Ÿ",
};

/** UTF-8 (BOM stripped); if the bytes are not valid UTF-8, Windows-1252 as old Excel saves it. */
export function decodificaTesto(dati: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(dati);
  } catch {
    const testo = new TextDecoder("windows-1252").decode(dati);
    return testo.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0)] ?? c);
  }
}

/** How many times `sep` occurs outside quotes in the first line of `testo`. */
function contaNellaPrimaRiga(testo: string, sep: string): number {
  let n = 0;
  let traVirgolette = false;
  for (let i = 0; i < testo.length; i++) {
    const c = testo[i];
    if (c === '"') traVirgolette = !traVirgolette;
    else if (!traVirgolette && (c === "\n" || c === "\r")) {
      if (n > 0 || testo.slice(0, i).trim() !== "") break; // skip leading blank lines
    } else if (!traVirgolette && c === sep) n++;
  }
  return n;
}

/**
 * The separator of a delimited text, read from its header line (data rows may hold
 * Italian decimals "1.234,5", the header rarely does). Ties go to tab, then ";".
 */
export function rilevaSeparatore(testo: string): Separatore {
  let migliore: Separatore = ";";
  let max = 0;
  for (const sep of SEPARATORI) {
    const n = contaNellaPrimaRiga(testo, sep);
    if (n > max) {
      max = n;
      migliore = sep;
    }
  }
  return migliore;
}

/* ------------------------------------------------------------------ xlsx */

/** Enough decimals to show the value exactly (after rounding away binary noise: 14.700000000000001 → 14,7). */
function numeroItaliano(valore: number, raggruppa: boolean): string {
  const arrotondato = Number(valore.toPrecision(15));
  let decimali = 0;
  while (decimali < 15 && Number(arrotondato.toFixed(decimali)) !== arrotondato) decimali++;
  const testo = formatNumero(arrotondato, { decimali });
  // Italian formatting uses "." only to group thousands: dropping it gives "71924" as Excel shows a General cell.
  return raggruppa ? testo : testo.replace(/\./g, "");
}

function dataItaliana(d: Date): string {
  const gg = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${gg}/${mm}/${d.getUTCFullYear()}`;
}

/** The number format without its quoted literals and [colour]/[locale] codes. */
function formatoSenzaLetterali(numFmt: string | undefined): string {
  return (numFmt ?? "").replace(/"[^"]*"/g, "").replace(/\[[^\]]*\]/g, "");
}

/** A cell value as the text a person sees in Excel (numbers the Italian way). */
function testoValore(valore: unknown, numFmt: string | undefined): string {
  if (valore === null || valore === undefined) return "";
  if (typeof valore === "string") return valore;
  if (typeof valore === "number") {
    if (!Number.isFinite(valore)) return "";
    const formato = formatoSenzaLetterali(numFmt);
    if (formato.includes("%")) return `${numeroItaliano(valore * 100, formato.includes(","))}%`;
    return numeroItaliano(valore, formato.includes(","));
  }
  if (typeof valore === "boolean") return valore ? "VERO" : "FALSO";
  if (valore instanceof Date) return Number.isNaN(valore.getTime()) ? "" : dataItaliana(valore);
  if (typeof valore === "object") {
    const v = valore as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return (v.richText as { text?: unknown }[]).map((p) => (typeof p.text === "string" ? p.text : "")).join("");
    }
    if ("formula" in v || "sharedFormula" in v) return testoValore(v.result, numFmt);
    if ("text" in v) return testoValore(v.text, numFmt); // hyperlink
    if (typeof v.error === "string") return v.error; // "#N/D", "#DIV/0!": shown, then rejected by the parser
  }
  return String(valore);
}

type ModuloExcel = typeof import("exceljs");

async function caricaExceljs(): Promise<ModuloExcel> {
  const mod = (await import("exceljs")) as ModuloExcel & { default?: ModuloExcel };
  return mod.default ?? mod;
}

/**
 * Inflates the archive under a hard cap and counts the first sheet's rows in its XML,
 * so that only a file within the limits ever reaches exceljs (which loads it whole).
 */
function controllaArchivio(dati: Uint8Array): void {
  let voci;
  try {
    voci = estraiZip(dati);
  } catch (e) {
    throw new Error((e as Error).message);
  }
  const fogli = voci.filter((v) => /^xl\/worksheets\/sheet\d+\.xml$/.test(v.nome)).sort((a, b) => a.nome.localeCompare(b.nome, "en", { numeric: true }));
  // exceljs reads every sheet, so every sheet must be within the limit.
  for (const f of fogli) {
    const { righe, celle } = contaRigheECelleXml(f.contenuto);
    if (righe > MAX_RIGHE) throw erroreTroppeRighe(righe);
    if (celle > MAX_CELLE) {
      throw new Error(
        `Il foglio ha ${formatNumero(celle)} celle: se ne possono importare al massimo ${formatNumero(MAX_CELLE)}. Salvare solo le colonne necessarie, oppure dividere il file.`,
      );
    }
  }
}

async function leggiXlsx(dati: Uint8Array): Promise<string[][]> {
  controllaArchivio(dati);
  const ExcelJS = await caricaExceljs();
  const cartella = new ExcelJS.Workbook();
  try {
    // JSZip (inside exceljs) accepts a Uint8Array as well as a Node Buffer.
    await cartella.xlsx.load(dati as unknown as Parameters<typeof cartella.xlsx.load>[0]);
  } catch {
    throw new Error("Il file non è un foglio Excel (.xlsx) leggibile: è danneggiato o in un altro formato.");
  }
  const foglio = cartella.worksheets[0];
  if (!foglio) throw new Error("Il file Excel non contiene alcun foglio.");
  if (foglio.actualRowCount > MAX_RIGHE) throw erroreTroppeRighe(foglio.actualRowCount);
  const righe: string[][] = [];
  for (let r = 1; r <= foglio.rowCount; r++) {
    const riga = foglio.getRow(r);
    const celle: string[] = [];
    for (let c = 1; c <= riga.cellCount; c++) {
      const cella = riga.getCell(c);
      // A merged area shows its value once, in its top-left cell.
      if (cella.isMerged && cella.master !== cella) celle.push("");
      else celle.push(testoValore(cella.value, cella.numFmt));
    }
    while (celle.length > 0 && celle[celle.length - 1] === "") celle.pop();
    righe.push(celle);
  }
  return togliRigheVuoteFinali(righe);
}

/* ------------------------------------------------------------------ ingresso */

/**
 * A file's first sheet as a grid of strings, chosen by extension: .csv/.txt (separator
 * detected) or .xlsx. Throws an Error with an Italian message for other formats,
 * unreadable files and sheets over {@link MAX_RIGHE} rows.
 */
export async function leggiFoglio(nome: string, dati: Uint8Array): Promise<string[][]> {
  const ext = estensione(nome);
  let righe: string[][];
  if (ext === "csv" || ext === "txt") {
    const testo = decodificaTesto(dati);
    righe = analizzaDelimitato(testo, rilevaSeparatore(testo.replace(/^\ufeff/, "")));
  } else if (ext === "xlsx") {
    righe = await leggiXlsx(dati);
  } else if (ext === "xls" || ext === "ods" || ext === "numbers") {
    throw new Error(`Il formato .${ext} non è supportato: salvare il foglio come .xlsx oppure .csv e riprovare.`);
  } else {
    throw new Error(
      ext
        ? `Il formato .${ext} non è supportato: caricare un file .xlsx, .csv o .txt.`
        : "Il file non ha un'estensione riconoscibile: caricare un file .xlsx, .csv o .txt.",
    );
  }
  controllaLimite(righe);
  return righe;
}
