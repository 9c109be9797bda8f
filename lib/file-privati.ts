/**
 * Data files are private to the account that runs the server: files 0600, folders 0700
 * (the database and its -wal/-shm, the mail folder, the PDF cache, backups, .auth-secret).
 * Modes are given where each file is created, never through the process umask, which
 * would also change what Next.js and the tools write.
 */
import { chmodSync, closeSync, mkdirSync, openSync } from "node:fs";

export const MODO_FILE = 0o600;
export const MODO_CARTELLA = 0o700;

/** chmod that ignores a missing file and a file owned by someone else (the mode stays theirs). */
function cambiaModo(p: string, modo: number): void {
  try {
    chmodSync(p, modo);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT" && code !== "EPERM") throw e;
  }
}

/**
 * Creates a folder (and missing parents) 0700. An existing folder keeps its mode unless
 * `esclusiva`: a folder that only this app writes (mail, pdf, backup) is made 0700 too;
 * the database's own folder may be shared (e.g. the project folder) and is left alone.
 */
export function cartellaPrivata(cartella: string, { esclusiva = false } = {}): void {
  mkdirSync(cartella, { recursive: true, mode: MODO_CARTELLA });
  if (esclusiva) cambiaModo(cartella, MODO_CARTELLA);
}

/** Makes an existing file 0600 (a file written by an older version may be world-readable). */
export function rendiPrivato(file: string): void {
  cambiaModo(file, MODO_FILE);
}

/** Creates the file empty and 0600 if missing, or makes it 0600 if it is there. */
export function filePrivato(file: string): void {
  closeSync(openSync(file, "a", MODO_FILE));
  rendiPrivato(file);
}
