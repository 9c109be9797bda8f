/**
 * Which migrations a database has and which this version brings (drizzle's own rule: those
 * of drizzle/meta/_journal.json newer than the newest in `__drizzle_migrations`), and whether
 * the database holds data. Read by the upgrade (lib/backup/aggiornamento.ts), by the server's
 * connection (db/client.ts) and by the health check (lib/salute.ts).
 */
import type Database from "better-sqlite3";
import { readFileSync } from "node:fs";
import path from "node:path";

/** drizzle/ of this version, beside the app (as db/open.ts applyMigrations reads it). */
export function cartellaMigrazioniPredefinita(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "drizzle");
}

export interface VoceJournal {
  tag: string;
  when: number;
}

/** The migrations this version knows, in order (drizzle/meta/_journal.json). */
export function migrazioniConosciute(cartella: string = cartellaMigrazioniPredefinita()): VoceJournal[] {
  const j = JSON.parse(readFileSync(path.resolve(/*turbopackIgnore: true*/ cartella, "meta", "_journal.json"), "utf8")) as { entries: VoceJournal[] };
  return j.entries.map((e) => ({ tag: e.tag, when: Number(e.when) }));
}

/** The `created_at` (the journal's `when`) of each migration applied to the database; [] for a new one. */
export function migrazioniApplicate(sqlite: Database.Database): number[] {
  const c = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").pluck().get() as number;
  if (!c) return [];
  return (sqlite.prepare("SELECT created_at FROM __drizzle_migrations ORDER BY created_at").pluck().all() as (number | string)[]).map(Number);
}

/** Those drizzle's migrator would apply now: newer than the newest applied. */
export function migrazioniDaApplicare(sqlite: Database.Database, conosciute: VoceJournal[]): VoceJournal[] {
  const applicate = migrazioniApplicate(sqlite);
  const ultima = applicate.length ? Math.max(...applicate) : null;
  return conosciute.filter((m) => ultima === null || ultima < m.when);
}

/** Whether any table (the migrations' own bookkeeping aside) has a row: then there is something to lose. */
export function contieneDati(sqlite: Database.Database): boolean {
  const tabelle = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations'")
    .pluck()
    .all() as string[];
  return tabelle.some((t) => sqlite.prepare(`SELECT EXISTS (SELECT 1 FROM "${t.replace(/"/g, '""')}")`).pluck().get() === 1);
}
