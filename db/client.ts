/** The app's one SQLite connection per process, migrated on first use. Server code only. */
import "server-only";
import { applyMigrations, openDatabase, type Db } from "./open";

export type { Db, Tx } from "./open";

// Next.js may load this module more than once in development; keep one connection.
const globalForDb = globalThis as unknown as { __bilancioDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__bilancioDb) {
    const db = openDatabase();
    applyMigrations(db);
    globalForDb.__bilancioDb = db;
  }
  return globalForDb.__bilancioDb;
}

/**
 * At the server's stop (lib/arresto.ts): the WAL folded into the database file, then the
 * connection closed, so the file alone holds every acknowledged save.
 */
export function chiudiDb(): void {
  const db = globalForDb.__bilancioDb;
  if (!db) return;
  delete globalForDb.__bilancioDb;
  // The published files' child process only reads: a checkpoint there would take the write lock at low priority.
  if (process.env.BILANCIO_RUOLO !== "genera-siti") db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
}
