/**
 * Opening the SQLite file: WAL so readers never wait for the writer, foreign keys
 * on, and a busy timeout so concurrent writers queue instead of failing. Scripts,
 * tests and the app's shared connection (db/client.ts) all open it here.
 * The file is private (0600, in a folder created 0700), and every connection
 * gets the sha256() SQL function the integrity triggers use (drizzle/0006).
 */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import path from "node:path";
import { cartellaPrivata, filePrivato, rendiPrivato } from "../lib/file-privati";
import { sha256 } from "../lib/sha256";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** The database or a transaction inside it: what reads and writes take, so they run in either. */
export type Tx = BaseSQLiteDatabase<"sync", Database.RunResult, typeof schema>;

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? "data/bilancio.sqlite");
}

/**
 * Before SQLite opens the file: its folder (created 0700) and the file itself, created
 * empty 0600 (SQLite gives -wal, -shm and -journal the mode of the database file).
 * A database left world-readable by an older version is made 0600 with its -wal and -shm.
 */
export function preparaFileDatabase(file: string): void {
  cartellaPrivata(path.dirname(path.resolve(file)));
  filePrivato(file);
  for (const f of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) rendiPrivato(f);
}

/** sha256(text or blob) → hex, as `sha256sum` prints it; NULL for NULL. Used by the triggers of drizzle/0006. */
export function registraFunzioni(sqlite: Database.Database): void {
  sqlite.function("sha256", { deterministic: true }, (v: unknown) => {
    if (v === null || v === undefined) return null;
    return sha256(typeof v === "string" || v instanceof Uint8Array ? v : String(v));
  });
}

export function openDatabase(file = databasePath()): Db {
  if (file !== ":memory:") preparaFileDatabase(file);
  const sqlite = new Database(file);
  registraFunzioni(sqlite);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return drizzle(sqlite, { schema }) as Db;
}

export function applyMigrations(db: Db): void {
  migrate(db, { migrationsFolder: path.resolve(/*turbopackIgnore: true*/ process.cwd(), "drizzle") });
}
