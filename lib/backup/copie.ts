/**
 * Backups of the SQLite database, and restoring one.
 *
 * - A backup is taken with SQLite's online backup API (better-sqlite3 `db.backup`)
 *   while the server runs: a consistent copy, whatever is being written meanwhile.
 *   It is made a standalone file (rollback journal, no -wal), checked with
 *   `PRAGMA integrity_check`, and only then given its final name. The last
 *   BACKUP_KEEP copies (default 14) are kept in BACKUP_DIR (default: "backup"
 *   next to the database), named `<database>-<UTC time>[-<label>].sqlite`, 0600.
 * - A restore is done only with the server stopped: it takes an exclusive lock on
 *   the database, which any open connection (a running server, the mail cron)
 *   prevents. The copy is checked (integrity, that it is this app's database and not
 *   from a newer version, the published chain), the current database is copied aside
 *   ("prima-del-ripristino"), then the checked copy replaces it with one rename.
 */
import "server-only";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { applyMigrations, databasePath, openDatabase } from "../../db/open";
import { cartellaPrivata, filePrivato, rendiPrivato } from "../file-privati";
import { verificaCatena, type Problema } from "../publication/verifica";

export const COPIE_PREDEFINITE = 14;

type Env = Record<string, string | undefined>;

/** BACKUP_DIR, or "backup" beside the database file. */
export function cartellaBackup(fileDatabase: string = databasePath(), env: Env = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.BACKUP_DIR || path.join(path.dirname(path.resolve(fileDatabase)), "backup"));
}

/** BACKUP_KEEP: how many copies of a database are kept (the newest). */
export function copieDaTenere(env: Env = process.env): number {
  const v = env.BACKUP_KEEP?.trim();
  if (!v) return COPIE_PREDEFINITE;
  if (!/^\d{1,5}$/.test(v) || Number(v) < 1) throw new Error(`BACKUP_KEEP deve essere un numero intero da 1 in su (è "${v}").`);
  return Number(v);
}

/** "bilancio" for data/bilancio.sqlite: the prefix of its copies, so databases sharing a folder keep theirs apart. */
export function radiceCopie(fileDatabase: string): string {
  return path.basename(fileDatabase).replace(/\.(sqlite3?|db)$/i, "") || "database";
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const ETICHETTA = /^[a-z0-9-]{1,40}$/;

/** `bilancio-2026-11-27T21-30-00-123Z.sqlite`, or with a label: `…Z-prima-del-ripristino.sqlite`. */
export function nomeCopia(fileDatabase: string, quando: Date, etichetta?: string): string {
  if (etichetta !== undefined && !ETICHETTA.test(etichetta)) throw new Error(`Etichetta di copia non valida: ${etichetta}`);
  const t = quando.toISOString().replace(/[:.]/g, "-");
  return `${radiceCopie(fileDatabase)}-${t}${etichetta ? `-${etichetta}` : ""}.sqlite`;
}

export interface Copia {
  file: string;
  quando: Date;
  etichetta: string | null;
  byte: number;
}

/** The copies of this database in the folder, oldest first. */
export function elencoCopie(cartella: string, fileDatabase: string = databasePath()): Copia[] {
  const re = new RegExp(`^${escape(radiceCopie(fileDatabase))}-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-([a-z0-9-]+))?\\.sqlite$`);
  let nomi: string[];
  try {
    nomi = readdirSync(cartella);
  } catch {
    return [];
  }
  return nomi
    .flatMap((nome) => {
      const m = re.exec(nome);
      if (!m) return [];
      const file = path.join(cartella, nome);
      return [{ file, quando: new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`), etichetta: m[6] ?? null, byte: statSync(file).size }];
    })
    .sort((a, b) => a.quando.getTime() - b.quando.getTime() || a.file.localeCompare(b.file));
}

/** Deletes all but the newest `tieni` copies of this database; returns the files deleted. */
export function potaCopie(cartella: string, fileDatabase: string, tieni: number): string[] {
  const copie = elencoCopie(cartella, fileDatabase);
  const via = copie.slice(0, Math.max(0, copie.length - tieni)).map((c) => c.file);
  for (const f of via) unlinkSync(f);
  return via;
}

export interface ControlloCopia {
  ok: boolean;
  problemi: string[];
}

const rimuovi = (f: string) => {
  for (const x of [f, `${f}-journal`, `${f}-wal`, `${f}-shm`]) if (existsSync(/*turbopackIgnore: true*/ x)) unlinkSync(/*turbopackIgnore: true*/ x);
};

/**
 * Checks a database file: `PRAGMA integrity_check`, and that it is this app's
 * database, at most as new as this version's migrations. With `autonoma` the file
 * (a copy of ours) is first switched to a rollback journal, so it is one file.
 */
export function controllaCopia(file: string, { autonoma = false } = {}): ControlloCopia {
  const problemi: string[] = [];
  let c: Database.Database;
  try {
    c = new Database(file, { fileMustExist: true, readonly: !autonoma });
  } catch (e) {
    return { ok: false, problemi: [`il file non si apre come database SQLite (${(e as Error).message}).`] };
  }
  try {
    if (autonoma) c.pragma("journal_mode = DELETE");
    const integrita = c.pragma("integrity_check") as { integrity_check: string }[];
    const righe = integrita.map((r) => r.integrity_check);
    if (righe.length !== 1 || righe[0] !== "ok") problemi.push(`PRAGMA integrity_check non dà "ok": ${righe.slice(0, 5).join("; ")}`);
    const tabelle = new Set((c.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    const mancanti = ["__drizzle_migrations", "editions", "publications", "signatures", "users", "audit_log"].filter((t) => !tabelle.has(t));
    if (mancanti.length) problemi.push(`non è un database del Bilancio Sociale: mancano le tabelle ${mancanti.join(", ")}.`);
    else {
      const ultima = c.prepare("SELECT max(created_at) FROM __drizzle_migrations").pluck().get() as number | null;
      const nostra = ultimaMigrazione();
      if (ultima !== null && nostra !== null && ultima > nostra) problemi.push("viene da una versione più recente dell'applicazione (ha migrazioni che questa versione non conosce).");
    }
  } catch (e) {
    problemi.push(`il file non si legge come database SQLite (${(e as Error).message}).`);
  } finally {
    c.close();
  }
  return { ok: problemi.length === 0, problemi };
}

/** The `when` of this version's newest migration (drizzle/meta/_journal.json). */
function ultimaMigrazione(): number | null {
  try {
    const j = JSON.parse(readFileSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "drizzle/meta/_journal.json"), "utf8")) as { entries: { when: number }[] };
    return Math.max(...j.entries.map((e) => e.when));
  } catch {
    return null;
  }
}

export interface OpzioniBackup {
  fileDatabase?: string;
  cartella?: string;
  tieni?: number;
  etichetta?: string;
  ora?: Date;
}

export interface EsitoBackup {
  file: string;
  byte: number;
  /** Older copies deleted to keep the last N. */
  eliminate: string[];
}

/**
 * A consistent copy of the open database `sqlite` (the server's own connection, or a
 * script's), checked, then the oldest copies beyond the last N deleted.
 */
export async function eseguiBackup(sqlite: Database.Database, o: OpzioniBackup = {}): Promise<EsitoBackup> {
  const fileDatabase = o.fileDatabase ?? sqlite.name;
  const cartella = o.cartella ?? cartellaBackup(fileDatabase);
  const tieni = o.tieni ?? copieDaTenere();
  cartellaPrivata(cartella, { esclusiva: true });
  const finale = path.join(cartella, nomeCopia(fileDatabase, o.ora ?? new Date(), o.etichetta));
  const tmp = `${finale}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    // Created empty and 0600 first: SQLite keeps the mode, and gives it to the copy's journal.
    filePrivato(tmp);
    // SQLite restarts a backup when another connection writes between its steps: every page
    // is copied in one step (a read transaction; in WAL mode writers are not held up). The
    // server's daily copy runs this in a child process (lib/backup/giornaliero.ts).
    await sqlite.backup(tmp, { progress: () => 0x7fffffff });
    const controllo = controllaCopia(tmp, { autonoma: true });
    if (!controllo.ok) throw new Error(`La copia non ha passato il controllo: ${controllo.problemi.join(" ")}`);
    rendiPrivato(tmp);
    renameSync(tmp, finale);
  } catch (e) {
    rimuovi(tmp);
    throw e;
  }
  const eliminate = potaCopie(cartella, fileDatabase, tieni);
  return { file: finale, byte: statSync(finale).size, eliminate };
}

/** The database is open elsewhere (a running server, a script): nothing may replace it now. */
export class DatabaseInUso extends Error {
  constructor(readonly fileDatabase: string) {
    super(
      `Il database ${fileDatabase} è aperto da un altro processo (il server è in esecuzione, o uno script come mail:send): ` +
        "ferma il server e riprova. Il ripristino sostituisce il file e si fa solo a server fermo.",
    );
    this.name = "DatabaseInUso";
  }
}

/**
 * An exclusive lock on the database, for as long as the returned connection is open.
 * Every open connection in WAL mode (any other process, the server included, even
 * idle) holds a shared lock, so this fails at once with DatabaseInUso while one exists.
 */
export function bloccoEsclusivo(fileDatabase: string): Database.Database {
  const g = new Database(fileDatabase, { fileMustExist: true, timeout: 0 });
  try {
    g.pragma("locking_mode = EXCLUSIVE");
    g.exec("BEGIN EXCLUSIVE");
    g.exec("COMMIT");
    return g;
  } catch (e) {
    g.close();
    if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY") || (e as { code?: string }).code?.startsWith("SQLITE_LOCKED")) throw new DatabaseInUso(fileDatabase);
    throw e;
  }
}

/** Whether a server (or any process) has the database open now. */
export function databaseInUso(fileDatabase: string = databasePath()): boolean {
  if (!existsSync(fileDatabase)) return false;
  try {
    bloccoEsclusivo(fileDatabase).close();
    return false;
  } catch (e) {
    if (e instanceof DatabaseInUso) return true;
    throw e;
  }
}

export class CopiaNonValida extends Error {
  constructor(
    readonly copia: string,
    readonly problemi: string[],
  ) {
    super(`La copia ${copia} non è stata ripristinata:\n${problemi.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "CopiaNonValida";
  }
}

export interface EsitoRipristino {
  /** The current database as it was, copied aside before being replaced (null if there was none). */
  copiaDiSicurezza: string | null;
  /** The chain of what is published, checked on the restored copy. */
  pubblicazioniVerificate: number;
}

/**
 * Replaces the database with the copy `copia`, only if nobody has the database open
 * (DatabaseInUso otherwise) and the copy passes every check (CopiaNonValida otherwise).
 * The copy itself is never modified: it is copied next to the database and checked there.
 */
export async function ripristina(copia: string, o: { fileDatabase?: string; cartella?: string } = {}): Promise<EsitoRipristino> {
  const fileDatabase = path.resolve(/*turbopackIgnore: true*/ o.fileDatabase ?? databasePath());
  const cartella = o.cartella ?? cartellaBackup(fileDatabase);
  if (!existsSync(copia) || !statSync(copia).isFile()) throw new CopiaNonValida(copia, ["il file non esiste."]);
  if (path.resolve(copia) === fileDatabase) throw new CopiaNonValida(copia, ["è il database stesso."]);

  cartellaPrivata(path.dirname(fileDatabase));
  const blocco = existsSync(fileDatabase) ? bloccoEsclusivo(fileDatabase) : null;
  const tmp = `${fileDatabase}.ripristino-${randomBytes(4).toString("hex")}.tmp`;
  try {
    filePrivato(tmp);
    copyFileSync(copia, tmp);
    rendiPrivato(tmp);
    const controllo = controllaCopia(tmp, { autonoma: true });
    if (!controllo.ok) throw new CopiaNonValida(copia, controllo.problemi);
    // Brought up to this version's schema (as the server would on start), then the published chain.
    const db = openDatabase(tmp);
    let problemi: Problema[] = [];
    let verificate = 0;
    try {
      applyMigrations(db);
      const v = verificaCatena(db);
      problemi = v.problemi;
      verificate = v.verificate.length;
      db.$client.pragma("journal_mode = DELETE");
    } finally {
      db.$client.close();
    }
    if (problemi.length) throw new CopiaNonValida(copia, problemi.map((p) => `catena delle pubblicazioni interrotta: ${p.dove}: ${p.messaggio}`));

    let copiaDiSicurezza: string | null = null;
    if (blocco) {
      const r = await eseguiBackup(blocco, { fileDatabase, cartella, etichetta: "prima-del-ripristino", tieni: Number.MAX_SAFE_INTEGER });
      copiaDiSicurezza = r.file;
      // The WAL into the file and gone: no -wal of the old database may meet the new one.
      blocco.pragma("journal_mode = DELETE");
    }
    for (const f of [`${fileDatabase}-wal`, `${fileDatabase}-shm`, `${fileDatabase}-journal`]) if (existsSync(/*turbopackIgnore: true*/ f)) unlinkSync(/*turbopackIgnore: true*/ f);
    renameSync(tmp, fileDatabase);
    return { copiaDiSicurezza, pubblicazioniVerificate: verificate };
  } finally {
    rimuovi(tmp);
    blocco?.close();
  }
}
