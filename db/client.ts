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
