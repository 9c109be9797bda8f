/**
 * What the server knows of the published folders between requests: which editions'
 * latest revision has no complete folder yet, and a version bumped whenever folders
 * change. Written by the queue (lib/sito/coda.ts, inside the app), read by the file
 * server (lib/sito/servi.ts, called from server.ts): on globalThis, because those two
 * are loaded separately (the Next.js bundle and Node).
 */
interface StatoSiti {
  /** Editions whose latest revision has no complete folder yet. */
  inAttesa: Set<string>;
  /** Bumped whenever folders on disk change: what the server read from them is then read again. */
  versione: number;
  /** How many times in a row the files' child process ended with an error (the health check reads it). */
  usciteConErrore: number;
}
const g = globalThis as unknown as { __bilancioStatoSiti?: StatoSiti };
export const statoSiti: StatoSiti = (g.__bilancioStatoSiti ??= { inAttesa: new Set(), versione: 0, usciteConErrore: 0 });

/** Changes whenever a folder is made or removed (lib/sito/servi.ts keeps what it read until then). */
export const versioneSiti = (): number => statoSiti.versione;

/** Whether the latest revision of this edition is still being made into files. */
export const slugInAttesa = (slug: string): boolean => statoSiti.inAttesa.has(slug);
