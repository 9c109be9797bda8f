/**
 * An XLSX is a ZIP archive: a few hundred kilobytes can inflate to gigabytes of XML
 * (a "zip bomb"). Before any spreadsheet library sees the file, every entry is
 * inflated here with a hard cap on the bytes it may produce (zlib's
 * maxOutputLength, which does not trust the sizes the archive declares), and the
 * sheet's rows are counted in the raw XML. A file over the limits is refused in
 * well under a second, with an Italian message.
 */
import { inflateRawSync } from "node:zlib";

/** All entries of the archive together, uncompressed. A 5,000-row sheet is a few MB. */
export const MAX_BYTE_ESPANSI = 40 * 1024 * 1024;
/** Entries in the archive: a workbook has a dozen or so. */
const MAX_VOCI = 2000;

export class ArchivioNonAccettato extends Error {}

export interface VoceZip {
  nome: string;
  contenuto: Uint8Array;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;

/** Where the End Of Central Directory record starts (it ends the file, after an optional comment). */
function fineDirectory(b: Uint8Array): number {
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  throw new ArchivioNonAccettato("Il file non è un foglio Excel (.xlsx) leggibile: è danneggiato o in un altro formato.");
}

/**
 * Every entry of a ZIP archive, inflated, never producing more than `massimo` bytes
 * in all. Throws ArchivioNonAccettato with an Italian message when the archive is
 * damaged or would expand beyond the limit.
 */
export function estraiZip(b: Uint8Array, massimo = MAX_BYTE_ESPANSI): VoceZip[] {
  const danneggiato = () => new ArchivioNonAccettato("Il file non è un foglio Excel (.xlsx) leggibile: è danneggiato o in un altro formato.");
  const eocd = fineDirectory(b);
  const voci = u16(b, eocd + 10);
  let p = u32(b, eocd + 16);
  if (voci > MAX_VOCI) throw new ArchivioNonAccettato("Il file Excel contiene troppe parti per essere un normale foglio di calcolo.");
  let restanti = massimo;
  const out: VoceZip[] = [];
  for (let i = 0; i < voci; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw danneggiato();
    const metodo = u16(b, p + 10);
    const compressi = u32(b, p + 20);
    const lNome = u16(b, p + 28);
    const lExtra = u16(b, p + 30);
    const lCommento = u16(b, p + 32);
    const locale = u32(b, p + 42);
    const nome = new TextDecoder().decode(b.subarray(p + 46, p + 46 + lNome));
    p += 46 + lNome + lExtra + lCommento;
    if (locale + 30 > b.length || u32(b, locale) !== 0x04034b50) throw danneggiato();
    const inizio = locale + 30 + u16(b, locale + 26) + u16(b, locale + 28);
    const dati = b.subarray(inizio, inizio + compressi);
    if (dati.length !== compressi) throw danneggiato();
    let contenuto: Uint8Array;
    if (metodo === 0) contenuto = dati;
    else if (metodo === 8) {
      try {
        contenuto = inflateRawSync(dati, { maxOutputLength: Math.max(1, restanti) });
      } catch (e) {
        if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw troppoGrande(massimo);
        throw danneggiato();
      }
    } else throw danneggiato();
    restanti -= contenuto.length;
    if (restanti < 0) throw troppoGrande(massimo);
    out.push({ nome, contenuto });
  }
  return out;
}

function troppoGrande(massimo: number): ArchivioNonAccettato {
  return new ArchivioNonAccettato(
    `Il file Excel, una volta aperto, supera ${Math.round(massimo / 1024 / 1024)} MB di dati: non è un normale foglio da importare. Salvare solo il foglio necessario, oppure esportarlo in .csv.`,
  );
}

/** Occurrences of the element `<nome …>` in XML text, counted without parsing it. */
function contaElementi(testo: string, nome: string): number {
  const apertura = `<${nome}`;
  let n = 0;
  for (let i = testo.indexOf(apertura); i !== -1; i = testo.indexOf(apertura, i + apertura.length)) {
    const dopo = testo[i + apertura.length];
    if (dopo === " " || dopo === ">" || dopo === "/") n++;
  }
  return n;
}

/** Rows in a worksheet's XML, counted without parsing it. */
export function contaRigheXml(xml: Uint8Array): number {
  return contaElementi(new TextDecoder().decode(xml), "row");
}

/** Rows and cells in a worksheet's XML: exceljs builds an object per cell, so both are bounded before it reads. */
export function contaRigheECelleXml(xml: Uint8Array): { righe: number; celle: number } {
  const testo = new TextDecoder().decode(xml);
  return { righe: contaElementi(testo, "row"), celle: contaElementi(testo, "c") };
}
