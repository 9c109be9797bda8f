/**
 * The distributions of a published revision as the catalogue describes them: which
 * files, how many bytes, and the SHA-256 of the exact bytes served. The DCAT
 * documents take their checksums from here and only here.
 */
import "server-only";
import { sha256 } from "../sha256";
import { datiCsv } from "../publication/csv";
import type { Pubblicazione } from "../publication/queries";
import type { FileDistribuito } from "./dcat";
import { databasePath } from "../../db/open";
import { FILE_PUBBLICI } from "../publication/file-pubblici";
import { fileRegistrato } from "../sito/origine";
import { cartellaRevisione, cartellaSiti } from "../sito/percorsi";

/** The PDF of a revision as its published folder recorded it (lib/sito), or null while it is being made. */
export function pdfDellaRevisione(p: Pick<Pubblicazione, "slug" | "revisione" | "sha256">, radice: string = cartellaSiti(databasePath())) {
  return fileRegistrato(cartellaRevisione(radice, p.slug, p.revisione), p.sha256, FILE_PUBBLICI.pdf.nome);
}

// A revision's CSV never changes: hashed once per process (bounded, like risposta-file's).
const csvMisurati = new Map<string, FileDistribuito>();

function csv(p: Pick<Pubblicazione, "sha256" | "dati">): FileDistribuito {
  let f = csvMisurati.get(p.sha256);
  if (!f) {
    // The bytes dati.csv serves: the string's UTF-8 (risposta-file.ts).
    const byte = Buffer.from(datiCsv(p.dati), "utf8");
    f = { tipo: "csv", byteSize: byte.byteLength, sha256: sha256(byte) };
    if (csvMisurati.size >= 16) csvMisurati.delete(csvMisurati.keys().next().value!);
    csvMisurati.set(p.sha256, f);
  }
  return f;
}

/**
 * dati.json, dati.csv and the PDF of one revision. JSON: the stored bytes, whose hash
 * is the published (and signed) one. CSV: made from the snapshot, deterministic, so
 * hashed here. PDF: printed by Chromium at publication; its size and checksum are the
 * ones its revision's folder recorded (pdfDellaRevisione), absent until the folder is made.
 */
export function distribuzioniRevisione(
  p: Pick<Pubblicazione, "sha256" | "datiJson" | "dati">,
  pdf?: { byteSize?: number; sha256?: string } | null,
): FileDistribuito[] {
  return [
    { tipo: "json", byteSize: Buffer.byteLength(p.datiJson, "utf8"), sha256: p.sha256 },
    csv(p),
    { tipo: "pdf", ...(pdf?.byteSize !== undefined ? { byteSize: pdf.byteSize } : {}), ...(pdf?.sha256 ? { sha256: pdf.sha256 } : {}) },
  ];
}
