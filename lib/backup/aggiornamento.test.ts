import Database from "better-sqlite3";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, openDatabase } from "../../db/open";
import { AggiornamentoNonRiuscito, aggiornaDatabase, COPIE_AGGIORNAMENTO, CopiaPrimaDellAggiornamentoNonRiuscita, ETICHETTA_AGGIORNAMENTO } from "./aggiornamento";
import { elencoCopie, eseguiBackup } from "./copie";

const cartelle: string[] = [];
function nuovaCartella() {
  const c = mkdtempSync(path.join(tmpdir(), "aggiornamento-test-"));
  cartelle.push(c);
  return c;
}
afterEach(() => cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true })));

/** This version's migrations, plus new ones (tag → SQL) appended to the journal, in a folder of their own. */
function migrazioniConAggiunte(cartella: string, nuove: [string, string][]): string {
  const dir = path.join(cartella, "drizzle");
  cpSync("drizzle", dir, { recursive: true });
  const giornale = path.join(dir, "meta", "_journal.json");
  const j = JSON.parse(readFileSync(giornale, "utf8")) as { entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };
  let when = Math.max(...j.entries.map((e) => e.when));
  for (const [tag, sql] of nuove) {
    writeFileSync(path.join(dir, `${tag}.sql`), sql);
    j.entries.push({ idx: j.entries.length, version: "6", when: ++when, tag, breakpoints: true });
  }
  writeFileSync(giornale, JSON.stringify(j, null, 2));
  return dir;
}

/** A database of this version with something in it (a user). */
function databaseConDati(cartella: string): string {
  const file = path.join(cartella, "bilancio.sqlite");
  const db = openDatabase(file);
  applyMigrations(db);
  db.$client.prepare("INSERT INTO users (email, nome, password_hash) VALUES ('a@x.it', 'Anna', 'h')").run();
  db.$client.close();
  return file;
}

/** Everything that says what the database is: its schema, its applied migrations, its users. */
function fotografia(file: string) {
  const c = new Database(file, { readonly: true });
  try {
    return {
      schema: c.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all(),
      migrazioni: c.prepare("SELECT hash, created_at FROM __drizzle_migrations ORDER BY created_at").all(),
      utenti: c.prepare("SELECT id, email, nome FROM users ORDER BY id").all(),
    };
  } finally {
    c.close();
  }
}

const BUONA = "CREATE TABLE prova_nuova (id integer PRIMARY KEY);\n--> statement-breakpoint\nUPDATE users SET nome = 'Cambiato';";
const ROTTA = "CREATE TABLE prova_rotta (id integer PRIMARY KEY);\n--> statement-breakpoint\nINSERT INTO tabella_che_non_esiste VALUES (1);";

describe("npm start: migrazioni nuove", () => {
  it("una migrazione che fallisce lascia il database com'era (anche le migrazioni buone prima di lei), e la copia presa prima c'è", async () => {
    const c = nuovaCartella();
    const file = databaseConDati(c);
    const prima = fotografia(file);
    const migrazioni = migrazioniConAggiunte(c, [["0900_buona", BUONA], ["0901_rotta", ROTTA]]);
    const cartellaCopie = path.join(c, "backup");

    const errore = await aggiornaDatabase(file, { cartellaMigrazioni: migrazioni, cartellaBackup: cartellaCopie }).catch((e: unknown) => e);
    expect(errore).toBeInstanceOf(AggiornamentoNonRiuscito);
    const e = errore as AggiornamentoNonRiuscito;
    expect(e.invariato).toBe(true);
    expect(e.daApplicare).toEqual(["0900_buona", "0901_rotta"]);
    expect(e.message).toMatch(/NON riuscito/);
    expect(e.message).toMatch(/tabella_che_non_esiste/);
    expect(e.message).toMatch(/il database è rimasto com'era/);

    // Nothing of either migration, not even the good one's table or update.
    expect(fotografia(file)).toEqual(prima);
    // The copy exists, was taken before, and holds the data.
    const copie = elencoCopie(cartellaCopie, file);
    expect(copie).toHaveLength(1);
    expect(copie[0].etichetta).toBe(ETICHETTA_AGGIORNAMENTO);
    expect(e.copia).toBe(copie[0].file);
    expect(fotografia(copie[0].file).utenti).toEqual(prima.utenti);

    // Restarted again and again (a service manager): a copy each time, only the last COPIE_AGGIORNAMENTO
    // of them kept, and the regular copies left alone.
    const conn = new Database(file);
    const regolare = await eseguiBackup(conn, { fileDatabase: file, cartella: cartellaCopie, tieni: 100, ora: new Date("2026-01-01T00:00:00Z") });
    conn.close();
    for (let i = 1; i <= 4; i++) {
      const ora = new Date(Date.now() + i * 1000);
      await expect(aggiornaDatabase(file, { cartellaMigrazioni: migrazioni, cartellaBackup: cartellaCopie, ora })).rejects.toBeInstanceOf(AggiornamentoNonRiuscito);
    }
    const dopo = elencoCopie(cartellaCopie, file);
    expect(dopo.filter((x) => x.etichetta === ETICHETTA_AGGIORNAMENTO)).toHaveLength(COPIE_AGGIORNAMENTO);
    expect(dopo.map((x) => x.file)).toContain(regolare.file);
    expect(fotografia(file)).toEqual(prima);
  });

  it("migrazioni nuove che riescono: prima la copia del database com'era, poi tutte applicate", async () => {
    const c = nuovaCartella();
    const file = databaseConDati(c);
    const prima = fotografia(file);
    const migrazioni = migrazioniConAggiunte(c, [["0900_buona", BUONA]]);
    const cartellaCopie = path.join(c, "backup");

    const esito = await aggiornaDatabase(file, { cartellaMigrazioni: migrazioni, cartellaBackup: cartellaCopie });
    expect(esito.applicate).toEqual(["0900_buona"]);
    expect(esito.copia).not.toBeNull();
    expect(fotografia(esito.copia!)).toEqual(prima);
    const dopo = fotografia(file);
    expect(dopo.utenti).toEqual([{ id: 1, email: "a@x.it", nome: "Cambiato" }]);
    expect(dopo.migrazioni).toHaveLength(prima.migrazioni.length + 1);

    // Started again: nothing new, no other copy.
    expect(await aggiornaDatabase(file, { cartellaMigrazioni: migrazioni, cartellaBackup: cartellaCopie })).toEqual({ applicate: [], copia: null });
    expect(readdirSync(cartellaCopie)).toHaveLength(1);
  });

  it("nessuna copia per un database nuovo o senza dati; nessuna migrazione se la copia non riesce", async () => {
    const c = nuovaCartella();
    const cartellaCopie = path.join(c, "backup");
    // A new installation: migrations applied, no copy.
    const nuovo = path.join(c, "nuovo.sqlite");
    const esito = await aggiornaDatabase(nuovo, { cartellaMigrazioni: "drizzle", cartellaBackup: cartellaCopie });
    expect(esito.copia).toBeNull();
    expect(esito.applicate.length).toBeGreaterThan(5);
    expect(existsSync(cartellaCopie)).toBe(false);

    // Tables but no rows: nothing to lose, no copy.
    const migrazioni = migrazioniConAggiunte(c, [["0900_buona", BUONA]]);
    expect(await aggiornaDatabase(nuovo, { cartellaMigrazioni: migrazioni, cartellaBackup: cartellaCopie })).toEqual({ applicate: ["0900_buona"], copia: null });

    // With data and a backup folder that cannot be made: no migration.
    const file = databaseConDati(c);
    const prima = fotografia(file);
    writeFileSync(path.join(c, "un-file"), "");
    const errore = await aggiornaDatabase(file, { cartellaMigrazioni: migrazioni, cartellaBackup: path.join(c, "un-file", "backup") }).catch((e: unknown) => e);
    expect(errore).toBeInstanceOf(CopiaPrimaDellAggiornamentoNonRiuscita);
    expect((errore as Error).message).toMatch(/Nessuna migrazione è stata applicata/);
    expect(fotografia(file)).toEqual(prima);
  });
});
