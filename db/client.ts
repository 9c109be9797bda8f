/**
 * The app's one SQLite connection per process. Server code only. A new, empty database is
 * migrated here on first use (a build, a first start); one that holds data and lacks this
 * version's migrations is refused: those are applied by `npm start` or `npm run db:migrate`,
 * after a backup (lib/backup/aggiornamento.ts), never silently by whatever opens it first
 * (a cron job running mail:send after an upgrade, say).
 */
import "server-only";
import { contieneDati, migrazioniConosciute, migrazioniDaApplicare } from "./migrazioni";
import { applyMigrations, openDatabase, type Db } from "./open";

export type { Db, Tx } from "./open";

/** The database holds data and this version has migrations it lacks. */
export class MigrazioniInSospeso extends Error {
  constructor(
    readonly file: string,
    readonly daApplicare: string[],
  ) {
    super(
      `Il database ${file} non è aggiornato a questa versione (migrazioni da applicare: ${daApplicare.join(", ")}). ` +
        "Applicale prima con npm run db:migrate, che prende una copia di sicurezza, oppure avvia il server con npm start.",
    );
    this.name = "MigrazioniInSospeso";
  }
}

// Next.js may load this module more than once in development; keep one connection.
const globalForDb = globalThis as unknown as { __bilancioDb?: Db };

export function getDb(): Db {
  if (!globalForDb.__bilancioDb) {
    const db = openDatabase();
    const daApplicare = migrazioniDaApplicare(db.$client, migrazioniConosciute());
    if (daApplicare.length > 0) {
      if (contieneDati(db.$client)) {
        const file = db.$client.name;
        db.$client.close();
        throw new MigrazioniInSospeso(file, daApplicare.map((m) => m.tag));
      }
      applyMigrations(db);
    }
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
