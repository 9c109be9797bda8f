/**
 * Bringing the database up to this version's schema (npm start, npm run dev, npm run
 * db:migrate), safely:
 *
 * - the migrations still to apply are those of drizzle/meta/_journal.json newer than the
 *   newest one the database has (drizzle's own rule, in `__drizzle_migrations`);
 * - when there are some and the database already holds data, a copy is taken first with
 *   the regular backup code (lib/backup/copie.ts), labelled "prima-dell-aggiornamento",
 *   into BACKUP_DIR. No copy, no migration. Only older copies with that label are deleted
 *   beyond the last COPIE_AGGIORNAMENTO, so a service manager restarting a start whose
 *   migration fails does not fill the disk (the regular copies are never touched);
 * - drizzle's better-sqlite3 migrator applies every pending migration inside one
 *   transaction (BEGIN … COMMIT, ROLLBACK on the first error: drizzle-orm/sqlite-core/
 *   dialect.js, SQLiteSyncDialect.migrate), so a failing migration leaves the database
 *   as it was. Here that is checked too (the transaction closed, the applied migrations
 *   unchanged), and the failure is told in Italian with the copy's name.
 */
import "server-only";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { existsSync, unlinkSync } from "node:fs";
import { cartellaMigrazioniPredefinita, contieneDati, migrazioniApplicate, migrazioniConosciute, migrazioniDaApplicare } from "../../db/migrazioni";
import { openDatabase } from "../../db/open";
import { cartellaBackup, elencoCopie, eseguiBackup } from "./copie";

export const ETICHETTA_AGGIORNAMENTO = "prima-dell-aggiornamento";
/** How many copies taken before an upgrade are kept (the newest). */
export const COPIE_AGGIORNAMENTO = 3;

export interface EsitoAggiornamento {
  /** Tags of the migrations applied now ([] when the database was already current). */
  applicate: string[];
  /** The copy taken before applying them, or null (nothing to apply, or nothing in the database yet). */
  copia: string | null;
}

/** A migration failed: nothing was applied (the database is as it was), and the copy taken before, if any. */
export class AggiornamentoNonRiuscito extends Error {
  constructor(
    readonly daApplicare: string[],
    readonly copia: string | null,
    readonly causa: string,
    /** False only if the check after the rollback found the database changed: then restore the copy. */
    readonly invariato: boolean,
  ) {
    super(
      [
        `Aggiornamento del database NON riuscito: una migrazione ha dato errore (${causa}).`,
        invariato
          ? `Nessuna migrazione è stata applicata: il database è rimasto com'era (da applicare: ${daApplicare.join(", ")}).`
          : `ATTENZIONE: il database non risulta com'era prima; ripristina la copia con npm run db:restore.`,
        copia ? `Copia di sicurezza presa prima di provarci: ${copia}` : "Il database non conteneva dati: nessuna copia era necessaria.",
        "Il server non è stato avviato. Torna alla versione precedente dell'applicazione, o segnala l'errore a chi la mantiene.",
      ].join("\n"),
    );
    this.name = "AggiornamentoNonRiuscito";
  }
}

/** The backup before the migrations failed: none was applied. */
export class CopiaPrimaDellAggiornamentoNonRiuscita extends Error {
  constructor(
    readonly daApplicare: string[],
    readonly causa: string,
  ) {
    super(
      `Aggiornamento del database NON eseguito: la copia di sicurezza da prendere prima delle migrazioni non è riuscita (${causa}). ` +
        `Nessuna migrazione è stata applicata (da applicare: ${daApplicare.join(", ")}). Controlla BACKUP_DIR e lo spazio su disco, poi riprova.`,
    );
    this.name = "CopiaPrimaDellAggiornamentoNonRiuscita";
  }
}

export interface OpzioniAggiornamento {
  cartellaMigrazioni?: string;
  /** Where the copy goes (default BACKUP_DIR, or "backup" beside the database). */
  cartellaBackup?: string;
  ora?: Date;
}

const riga = (t: string) => t.replace(/\s+/g, " ").trim();
/** drizzle wraps SQLite's error ("Failed to run the query '…'"): SQLite's reason first, then the statement. */
function messaggio(e: unknown): string {
  if (!(e instanceof Error)) return riga(String(e));
  return e.cause instanceof Error ? `${riga(e.cause.message)}; ${riga(e.message)}` : riga(e.message);
}

/**
 * Opens the database file, backs it up if migrations are pending and it holds data,
 * then applies them all or none. Throws AggiornamentoNonRiuscito or
 * CopiaPrimaDellAggiornamentoNonRiuscita, with their Italian explanation as message.
 */
export async function aggiornaDatabase(fileDatabase: string, o: OpzioniAggiornamento = {}): Promise<EsitoAggiornamento> {
  const cartellaMigrazioni = o.cartellaMigrazioni ?? cartellaMigrazioniPredefinita();
  const esisteva = existsSync(fileDatabase);
  const db = openDatabase(fileDatabase);
  const sqlite = db.$client;
  try {
    const daApplicare = migrazioniDaApplicare(sqlite, migrazioniConosciute(cartellaMigrazioni));
    if (daApplicare.length === 0) return { applicate: [], copia: null };
    const tag = daApplicare.map((m) => m.tag);

    let copia: string | null = null;
    if (esisteva && contieneDati(sqlite)) {
      const cartella = o.cartellaBackup ?? cartellaBackup(fileDatabase);
      try {
        const r = await eseguiBackup(sqlite, {
          fileDatabase,
          cartella,
          etichetta: ETICHETTA_AGGIORNAMENTO,
          ora: o.ora,
          // This copy deletes none of the others.
          tieni: Number.MAX_SAFE_INTEGER,
        });
        copia = r.file;
        const prese = elencoCopie(cartella, fileDatabase).filter((x) => x.etichetta === ETICHETTA_AGGIORNAMENTO);
        for (const x of prese.slice(0, Math.max(0, prese.length - COPIE_AGGIORNAMENTO))) unlinkSync(x.file);
      } catch (e) {
        throw new CopiaPrimaDellAggiornamentoNonRiuscita(tag, messaggio(e));
      }
    }

    const prima = migrazioniApplicate(sqlite);
    try {
      migrate(db, { migrationsFolder: cartellaMigrazioni });
    } catch (e) {
      // drizzle has rolled back; should SQLite have ended the transaction itself (its
      // ROLLBACK then fails), nothing is left open either way.
      if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
      const dopo = migrazioniApplicate(sqlite);
      const invariato = dopo.length === prima.length && dopo.every((v, i) => v === prima[i]);
      throw new AggiornamentoNonRiuscito(tag, copia, messaggio(e), invariato);
    }
    return { applicate: tag, copia };
  } finally {
    sqlite.close();
  }
}
