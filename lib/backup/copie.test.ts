import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, openDatabase } from "../../db/open";
import { edizionePubblicata } from "../publication/prova-pubblicata";
import { bloccoEsclusivo, cartellaBackup, controllaCopia, CopiaNonValida, copieDaTenere, DatabaseInUso, databaseInUso, elencoCopie, eseguiBackup, nomeCopia, ripristina } from "./copie";
import { avviaBackupGiornaliero, backupDovuto } from "./giornaliero";

const cartelle: string[] = [];
function nuovaCartella() {
  const c = mkdtempSync(path.join(tmpdir(), "backup-test-"));
  cartelle.push(c);
  return c;
}
afterEach(() => cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true })));

const modo = (f: string) => statSync(f).mode & 0o777;

/** A migrated database file with the demo published, like a real installation's. */
function databaseVero(cartella: string, nome = "bilancio.sqlite") {
  const file = path.join(cartella, nome);
  edizionePubblicata().db.$client.exec(`VACUUM INTO '${file}'`);
  const db = openDatabase(file);
  applyMigrations(db);
  return { file, db };
}

describe("dove e quante copie", () => {
  it("BACKUP_DIR, o backup/ accanto al database; BACKUP_KEEP, 14 se non detto", () => {
    expect(cartellaBackup("/srv/dati/bilancio.sqlite", {})).toBe("/srv/dati/backup");
    expect(cartellaBackup("/srv/dati/bilancio.sqlite", { BACKUP_DIR: "/mnt/copie" })).toBe("/mnt/copie");
    expect(copieDaTenere({})).toBe(14);
    expect(copieDaTenere({ BACKUP_KEEP: "3" })).toBe(3);
    for (const v of ["0", "-1", "tre", "1.5"]) expect(() => copieDaTenere({ BACKUP_KEEP: v })).toThrow(/BACKUP_KEEP deve essere un numero intero/);
  });

  it("il nome dice di quale database e quando, e si ordina nel tempo", () => {
    const t = new Date("2026-11-27T21:30:05.123Z");
    expect(nomeCopia("/x/bilancio.sqlite", t)).toBe("bilancio-2026-11-27T21-30-05-123Z.sqlite");
    expect(nomeCopia("/x/e2e.sqlite", t, "prima-del-ripristino")).toBe("e2e-2026-11-27T21-30-05-123Z-prima-del-ripristino.sqlite");
    expect(() => nomeCopia("/x/b.sqlite", t, "../via")).toThrow(/non valida/);
  });
});

describe("npm run db:backup", () => {
  it("una copia coerente mentre si scrive, controllata, in un unico file 0600 di una cartella 0700", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    // Writes keep coming on another connection while the copy runs.
    const altro = new Database(file);
    const scrivi = setInterval(() => altro.prepare("INSERT INTO notifications (user_id, testo) VALUES (1, 'x')").run(), 1);
    try {
      const r = await eseguiBackup(db.$client, { fileDatabase: file, cartella: path.join(c, "backup"), tieni: 14 });
      expect(path.basename(r.file)).toMatch(/^bilancio-\d{4}-\d{2}-\d{2}T[\d-]+Z\.sqlite$/);
      expect(modo(path.join(c, "backup"))).toBe(0o700);
      expect(modo(r.file)).toBe(0o600);
      expect(readdirSync(path.join(c, "backup"))).toEqual([path.basename(r.file)]);
      expect(controllaCopia(r.file)).toEqual({ ok: true, problemi: [] });
      const copia = new Database(r.file, { readonly: true });
      expect(copia.pragma("journal_mode", { simple: true })).toBe("delete");
      expect(copia.prepare("SELECT count(*) FROM publications").pluck().get()).toBe(1);
      copia.close();
    } finally {
      clearInterval(scrivi);
      altro.close();
      db.$client.close();
    }
  });

  it("tiene solo le ultime N copie di questo database, non quelle degli altri", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    const cartella = path.join(c, "backup");
    const { db: altroDb, file: altroFile } = databaseVero(c, "e2e.sqlite");
    await eseguiBackup(altroDb.$client, { fileDatabase: altroFile, cartella, tieni: 2 });
    for (let i = 0; i < 4; i++) await eseguiBackup(db.$client, { fileDatabase: file, cartella, tieni: 2, ora: new Date(Date.UTC(2026, 0, 1 + i)) });
    expect(elencoCopie(cartella, file).map((x) => x.quando.toISOString())).toEqual(["2026-01-03T00:00:00.000Z", "2026-01-04T00:00:00.000Z"]);
    expect(elencoCopie(cartella, altroFile)).toHaveLength(1);
    db.$client.close();
    altroDb.$client.close();
  });

  it("lo script scrive la copia mentre il server ha il database aperto", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    try {
      const { codice, uscita } = await tsx("scripts/db-backup.ts", [], { DATABASE_PATH: file, BACKUP_KEEP: "3" });
      expect(codice, uscita).toBe(0);
      expect(uscita).toMatch(/Copia del database scritta e controllata: .*bilancio-.*\.sqlite/);
      expect(elencoCopie(path.join(c, "backup"), file)).toHaveLength(1);
    } finally {
      db.$client.close();
    }
  }, 60_000);
});

describe("npm run db:restore", () => {
  it("rifiuta mentre il database è aperto da un altro processo (il server), e non tocca nulla", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    const copia = (await eseguiBackup(db.$client, { fileDatabase: file, cartella: path.join(c, "backup"), tieni: 5 })).file;
    db.$client.close();
    // A server in another process, idle with its connection open.
    const server = spawn(process.execPath, ["-e", `const D=require(${JSON.stringify(require.resolve("better-sqlite3"))});const d=new D(${JSON.stringify(file)});d.pragma("journal_mode = WAL");d.prepare("SELECT count(*) FROM users").get();console.log("pronto");setTimeout(()=>{},30000)`]);
    try {
      await new Promise<void>((ok) => server.stdout.once("data", () => ok()));
      expect(databaseInUso(file)).toBe(true);
      await expect(ripristina(copia, { fileDatabase: file })).rejects.toThrow(DatabaseInUso);
      await expect(ripristina(copia, { fileDatabase: file })).rejects.toThrow(/ferma il server e riprova/);
      const r = await tsx("scripts/db-restore.ts", [copia], { DATABASE_PATH: file });
      expect(r.codice).toBe(1);
      expect(r.uscita).toMatch(/aperto da un altro processo/);
    } finally {
      server.kill();
      await new Promise((ok) => server.once("exit", ok));
    }
    expect(databaseInUso(file)).toBe(false);
  }, 60_000);

  it("a server fermo ripristina la copia controllata e mette da parte il database sostituito", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    const cartella = path.join(c, "backup");
    const copia = (await eseguiBackup(db.$client, { fileDatabase: file, cartella, tieni: 5 })).file;
    db.$client.exec("INSERT INTO notifications (user_id, testo) VALUES (1, 'scritta dopo la copia')");
    db.$client.close();

    const r = await ripristina(copia, { fileDatabase: file, cartella });
    expect(r.pubblicazioniVerificate).toBe(1);
    expect(r.copiaDiSicurezza).toMatch(/-prima-del-ripristino\.sqlite$/);
    expect(modo(file)).toBe(0o600);
    const dopo = openDatabase(file);
    expect(dopo.$client.prepare("SELECT count(*) FROM notifications WHERE testo = 'scritta dopo la copia'").pluck().get()).toBe(0);
    dopo.$client.close();
    const messaDaParte = new Database(r.copiaDiSicurezza!, { readonly: true });
    expect(messaDaParte.prepare("SELECT count(*) FROM notifications WHERE testo = 'scritta dopo la copia'").pluck().get()).toBe(1);
    messaDaParte.close();
    expect(readdirSync(c).filter((f) => f.includes(".tmp"))).toEqual([]);
    // The copy given is never modified.
    expect(controllaCopia(copia).ok).toBe(true);
  });

  it("rifiuta una copia che non è un database, non è del Bilancio Sociale, è rovinata o ha la catena interrotta", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    db.$client.exec("INSERT INTO notifications (user_id, testo) VALUES (1, 'da non perdere')");
    db.$client.close();
    const contenuto = () => {
      const d = new Database(file, { readonly: true });
      try {
        return d.prepare("SELECT (SELECT count(*) FROM notifications), (SELECT count(*) FROM publications), (SELECT count(*) FROM users)").raw().get();
      } finally {
        d.close();
      }
    };
    const prima = contenuto();

    const testo = path.join(c, "appunti.sqlite");
    writeFileSync(testo, "non sono un database ".repeat(100));
    await expect(ripristina(testo, { fileDatabase: file })).rejects.toThrow(CopiaNonValida);

    const estraneo = path.join(c, "altro.sqlite");
    const e = new Database(estraneo);
    e.exec("CREATE TABLE clienti (nome TEXT)");
    e.close();
    await expect(ripristina(estraneo, { fileDatabase: file })).rejects.toThrow(/non è un database del Bilancio Sociale/);

    const rovinato = path.join(c, "rovinato.sqlite");
    edizionePubblicata().db.$client.exec(`VACUUM INTO '${rovinato}'`);
    const r = new Database(rovinato);
    const pagine = r.pragma("page_count", { simple: true }) as number;
    r.close();
    // Garbage over a page in the middle of the file.
    const fd = await import("node:fs").then((fs) => fs.openSync(rovinato, "r+"));
    (await import("node:fs")).writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(pagine / 2) * 4096);
    (await import("node:fs")).closeSync(fd);
    await expect(ripristina(rovinato, { fileDatabase: file })).rejects.toThrow(CopiaNonValida);

    const alterato = path.join(c, "alterato.sqlite");
    const x = edizionePubblicata();
    for (const t of x.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'publications'").pluck().all() as string[]) x.db.$client.exec(`DROP TRIGGER ${t}`);
    x.db.$client.exec("UPDATE publications SET dati_json = replace(dati_json, 'Cremona', 'Crema')");
    x.db.$client.exec(`VACUUM INTO '${alterato}'`);
    await expect(ripristina(alterato, { fileDatabase: file })).rejects.toThrow(/catena delle pubblicazioni interrotta: 2014-2016, revisione 1/);

    await expect(ripristina(path.join(c, "non-esiste.sqlite"), { fileDatabase: file })).rejects.toThrow(/il file non esiste/);
    expect(contenuto()).toEqual(prima);
    expect(readdirSync(c).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("il blocco esclusivo non si prende finché il database è aperto, e non perde nulla del WAL", () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    db.$client.exec("INSERT INTO notifications (user_id, testo) VALUES (1, 'nel wal')");
    expect(() => bloccoEsclusivo(file)).toThrow(DatabaseInUso);
    db.$client.close();
    const g = bloccoEsclusivo(file);
    expect(databaseInUso(file)).toBe(true);
    g.close();
    expect(databaseInUso(file)).toBe(false);
    const d = new Database(file, { readonly: true });
    expect(d.prepare("SELECT count(*) FROM notifications WHERE testo = 'nel wal'").pluck().get()).toBe(1);
    d.close();
  });
});

describe("la copia giornaliera del server", () => {
  it("è dovuta se non ce n'è una o se l'ultima ha un giorno", () => {
    const ora = new Date("2026-11-27T12:00:00Z");
    expect(backupDovuto(null, ora)).toBe(true);
    expect(backupDovuto(new Date("2026-11-27T02:00:00Z"), ora)).toBe(false);
    expect(backupDovuto(new Date("2026-11-26T12:00:00Z"), ora)).toBe(true);
  });

  it("il custode fa la copia quando è dovuta, e non un'altra lo stesso giorno", async () => {
    const c = nuovaCartella();
    const { file, db } = databaseVero(c);
    const cartella = path.join(c, "backup");
    const log = console.log;
    console.log = () => undefined;
    try {
      // A copy of what the database was before a reset is not today's copy.
      await eseguiBackup(db.$client, { fileDatabase: file, cartella, tieni: 3, etichetta: "prima-del-reset" });
      const custode = avviaBackupGiornaliero(db, { cartella, tieni: 3, timer: false });
      await custode.controlla();
      await custode.controlla();
      expect(elencoCopie(cartella, file).map((c) => c.etichetta)).toEqual(["prima-del-reset", null]);
      custode.ferma();
    } finally {
      console.log = log;
      db.$client.close();
    }
  });
});

/** Runs a script as npm would, with this environment added; resolves with its exit code and output. */
function tsx(script: string, argomenti: string[], env: Record<string, string>): Promise<{ codice: number | null; uscita: string }> {
  return new Promise((ok) => {
    const p = spawn("npx", ["tsx", "--conditions=react-server", script, ...argomenti], { env: { ...process.env, ...env } });
    let uscita = "";
    p.stdout.on("data", (d) => (uscita += d));
    p.stderr.on("data", (d) => (uscita += d));
    p.on("exit", (codice) => ok({ codice, uscita }));
  });
}
