/**
 * Which publication a folder was made from, written last inside it (.origine.json):
 * a folder is served only when this matches the publication in the database, so a
 * database reset or restore never lets an older folder answer for a new publication.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sha256 } from "../sha256";
import { FILE_ORIGINE } from "./percorsi";

export interface Origine {
  slug: string;
  revisione: number;
  /** chiaveSito of the publication. */
  chiave: string;
  /** SHA-256 of dati.json, as signed. */
  sha256: string;
  /** SHA-256 of every file in the folder (compressed copies included). */
  file: Record<string, string>;
}

/** Bump when the pages' layout changes: folders already made are then made again (2: the integrity page names who appointed the signer). */
export const VERSIONE_SITO = 2;

/** What the files print: the signed bytes, who signed and when, when it was published. */
export function chiaveSito(p: { sha256: string; firma: { nome: string; firmataIl: string }; pubblicataIl: string; modifiche: string | null }): string {
  return sha256(JSON.stringify([VERSIONE_SITO, p.sha256, p.firma.nome, p.firma.firmataIl, p.pubblicataIl, p.modifiche]));
}

export function leggiOrigine(cartella: string): Origine | null {
  const file = path.join(cartella, FILE_ORIGINE);
  if (!existsSync(file)) return null;
  try {
    const o = JSON.parse(readFileSync(file, "utf8")) as Origine;
    return typeof o.chiave === "string" && typeof o.file === "object" && o.file ? o : null;
  } catch {
    return null;
  }
}

/**
 * A file of a revision's complete folder, as its folder recorded it (for the DCAT
 * checksums): null while the folder is not made, or when it was made from other bytes.
 */
export function fileRegistrato(cartella: string, datiSha256: string, nome: string): { sha256: string; byteSize: number } | null {
  const o = leggiOrigine(cartella);
  const impronta = o && o.sha256 === datiSha256 ? o.file[nome] : undefined;
  if (!impronta) return null;
  try {
    return { sha256: impronta, byteSize: statSync(path.join(cartella, nome)).size };
  } catch {
    return null;
  }
}
