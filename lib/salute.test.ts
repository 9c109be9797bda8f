import { cpSync, mkdtempSync, readFileSync, rmSync, statfsSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { applyMigrations, openDatabase, type Db } from "../db/open";
import { mailOutbox, sitiPubblicati } from "../db/schema";
import { eseguiBackup } from "./backup/copie";
import { ascoltaLog } from "./log";
import { MAX_TENTATIVI } from "./mail/outbox";
import { edizionePubblicata } from "./publication/prova-pubblicata";
import { BACKUP_ETA_MASSIMA_MS, FILE_ATTESA_MASSIMA_MS, POSTA_ATTESA_MASSIMA_MS, statoSalute, USCITE_CON_ERRORE_MASSIME, type OpzioniSalute } from "./salute";
import { statoSiti } from "./sito/stato";

const cartelle: string[] = [];
const aperti: Db[] = [];
afterEach(() => {
  aperti.splice(0).forEach((d) => d.$client.close());
  cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true }));
  vi.restoreAllMocks();
});

/** A real installation in a folder of its own: the demo published (revision 1, its files made), a fresh daily copy. */
async function installazione() {
  const c = mkdtempSync(path.join(tmpdir(), "salute-test-"));
  cartelle.push(c);
  const file = path.join(c, "bilancio.sqlite");
  edizionePubblicata().db.$client.exec(`VACUUM INTO '${file}'`);
  const db = openDatabase(file);
  aperti.push(db);
  applyMigrations(db);
  const publicationId = db.$client.prepare("SELECT id FROM publications").pluck().get() as number;
  db.insert(sitiPubblicati).values({ publicationId, stato: "pronto" }).onConflictDoUpdate({ target: sitiPubblicati.publicationId, set: { stato: "pronto" } }).run();
  const o: OpzioniSalute = { fileDatabase: file, cartellaBackup: path.join(c, "backup"), cartellaMigrazioni: "drizzle" };
  return { c, file, db, o, publicationId };
}

const tra = (ms: number) => new Date(Date.now() + ms);
const fa = (ms: number) => new Date(Date.now() - ms).toISOString();

describe("GET /api/salute", () => {
  it("tutto a posto: pronto, ogni controllo nominato, e niente di segreto", async () => {
    const { c, db, o } = await installazione();
    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14 });
    db.insert(mailOutbox).values({ destinatario: "giulia.rossi@comune.example", oggetto: "Segreto", corpo: "token=abc" }).run();

    const s = statoSalute(() => db, o);
    expect(s.pronto).toBe(true);
    expect(s.vivo).toBe(true);
    expect(s.stato).toBe("pronto");
    expect(Object.keys(s.controlli)).toEqual(["database", "disco", "posta", "backup", "filePubblicati"]);
    for (const [nome, controllo] of Object.entries(s.controlli)) expect(controllo.ok, nome).toBe(true);
    const conosciute = (JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] }).entries.length;
    expect(s.controlli.database).toMatchObject({ migrazioniApplicate: conosciute, migrazioniAttese: conosciute });
    expect(s.controlli.posta).toMatchObject({ daInviare: 1, abbandonate: 0 });
    expect(s.controlli.backup).toMatchObject({ copie: 1 });
    expect(s.controlli.filePubblicati).toMatchObject({ edizioni: 1, inAttesa: 0, inErrore: 0 });

    const json = JSON.stringify(s);
    for (const segreto of [c, "bilancio.sqlite", "@", "Segreto", "token", "giulia"]) expect(json).not.toContain(segreto);
  });

  it("migrazioni non applicate (codice aggiornato senza riavvio): non pronto", async () => {
    const { c, db, o } = await installazione();
    const dir = path.join(c, "drizzle");
    cpSync("drizzle", dir, { recursive: true });
    const giornale = path.join(dir, "meta", "_journal.json");
    const j = JSON.parse(readFileSync(giornale, "utf8")) as { entries: { when: number; tag: string }[] };
    j.entries.push({ ...j.entries.at(-1)!, when: j.entries.at(-1)!.when + 1, tag: "0999_nuova" });
    writeFileSync(giornale, JSON.stringify(j));

    const s = statoSalute(() => db, { ...o, cartellaMigrazioni: dir });
    expect(s.pronto).toBe(false);
    expect(s.stato).toBe("non pronto");
    expect(s.controlli.database.ok).toBe(false);
    expect(s.controlli.database.motivo).toMatch(/1 migrazione non applicata/);
  });

  it("la posta: una mail ferma da più di un'ora, o abbandonata nell'ultimo giorno, rende non pronti", async () => {
    const { db, o } = await installazione();
    const posta = () => statoSalute(() => db, o).controlli.posta;
    const id = Number(db.insert(mailOutbox).values({ destinatario: "a@x.it", oggetto: "o", corpo: "c", createdAt: fa(POSTA_ATTESA_MASSIMA_MS - 60_000) }).run().lastInsertRowid);
    expect(posta().ok).toBe(true);
    db.$client.prepare("UPDATE mail_outbox SET created_at = ? WHERE id = ?").run(fa(POSTA_ATTESA_MASSIMA_MS + 60_000), id);
    expect(posta()).toMatchObject({ ok: false, daInviare: 1 });
    expect(posta().piuVecchiaSecondi).toBeGreaterThan(3600);

    // Given up an hour ago: not ready; two days ago: only counted.
    db.$client.prepare("UPDATE mail_outbox SET tentativi = ?, ultimo_errore = ? WHERE id = ?").run(MAX_TENTATIVI, `[${fa(3600_000)}] 550 rifiutata`, id);
    expect(posta()).toMatchObject({ ok: false, daInviare: 0, abbandonate: 1, abbandonateUltimoGiorno: 1 });
    db.$client.prepare("UPDATE mail_outbox SET ultimo_errore = ? WHERE id = ?").run(`[${fa(48 * 3600_000)}] 550 rifiutata`, id);
    expect(posta()).toMatchObject({ ok: true, abbandonate: 1, abbandonateUltimoGiorno: 0 });
    // Sent: nothing waits.
    db.$client.prepare("UPDATE mail_outbox SET inviata_il = ? WHERE id = ?").run(fa(0), id);
    expect(posta()).toMatchObject({ ok: true, daInviare: 0, abbandonate: 0, piuVecchiaSecondi: null });
  });

  it("il backup: nessuna copia va bene per dati nuovi, non per dati vecchi; una copia troppo vecchia rende non pronti", async () => {
    const { db, o } = await installazione();
    const backup = (ora?: Date) => statoSalute(() => db, { ...o, ora }).controlli.backup;
    expect(backup()).toMatchObject({ ok: true, copie: 0, ultimaSecondi: null });
    expect(backup(tra(BACKUP_ETA_MASSIMA_MS + 60_000))).toMatchObject({ ok: false, motivo: "nessuna copia del database, e i dati ci sono da più del limite." });
    // A copy of an earlier database (recreated since): the data is new, nothing is late yet.
    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14, ora: new Date(Date.now() - 3 * BACKUP_ETA_MASSIMA_MS) });
    expect(backup()).toMatchObject({ ok: true, copie: 1 });
    expect(backup(tra(BACKUP_ETA_MASSIMA_MS + 60_000)).ok).toBe(false);

    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14 });
    expect(backup(tra(BACKUP_ETA_MASSIMA_MS - 60_000)).ok).toBe(true);
    const vecchia = backup(tra(BACKUP_ETA_MASSIMA_MS + 60_000));
    expect(vecchia).toMatchObject({ ok: false, copie: 2 });
    expect(vecchia.motivo).toMatch(/più vecchia del limite/);
    // A labelled copy (before a restore, before an upgrade) is not the daily backup.
    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14, etichetta: "prima-dell-aggiornamento", ora: tra(BACKUP_ETA_MASSIMA_MS) });
    expect(backup(tra(BACKUP_ETA_MASSIMA_MS + 60_000))).toMatchObject({ ok: false, copie: 2 });
  });

  it("i file pubblicati: in errore, o fermi da più di mezz'ora, rendono non pronti", async () => {
    const { db, o, publicationId } = await installazione();
    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14 });
    const file = (ora?: Date) => statoSalute(() => db, { ...o, ora }).controlli.filePubblicati;
    const imposta = (stato: "in_coda" | "in_corso" | "errore") =>
      db.$client.prepare("UPDATE siti_pubblicati SET stato = ?, aggiornato_il = ? WHERE publication_id = ?").run(stato, fa(0), publicationId);

    imposta("in_corso");
    expect(file()).toMatchObject({ ok: true, inAttesa: 1 });
    expect(file(tra(FILE_ATTESA_MASSIMA_MS + 60_000))).toMatchObject({ ok: false, inAttesa: 1 });
    // The child that makes them keeps dying: not ready at once, without waiting the half hour.
    statoSiti.usciteConErrore = USCITE_CON_ERRORE_MASSIME - 1;
    expect(file()).toMatchObject({ ok: true });
    statoSiti.usciteConErrore = USCITE_CON_ERRORE_MASSIME;
    try {
      expect(file()).toMatchObject({ ok: false, inAttesa: 1 });
      expect(file().motivo).toMatch(/terminato con errore 3 volte di fila/);
    } finally {
      statoSiti.usciteConErrore = 0;
    }
    imposta("errore");
    const errore = file();
    expect(errore).toMatchObject({ ok: false, inErrore: 1 });
    expect(errore.motivo).toMatch(/un'edizione pubblicata/);
    expect(statoSalute(() => db, o).pronto).toBe(false);
  });

  it("poco spazio libero, o un database che non si apre: non pronto, e l'errore resta nel log", async () => {
    const { c, db, o } = await installazione();
    await eseguiBackup(db.$client, { fileDatabase: o.fileDatabase, cartella: o.cartellaBackup, tieni: 14 });
    // A database (sparse file) as large as the free space: a copy of it would not fit.
    const grande = path.join(c, "grande.sqlite");
    writeFileSync(grande, "");
    const s = statfsSync(c);
    truncateSync(grande, Number(s.bavail) * Number(s.bsize));
    const disco = statoSalute(() => db, { ...o, fileDatabase: grande }).controlli.disco;
    expect(disco.ok).toBe(false);
    expect(disco.motivo).toMatch(/poco spazio/);
    expect(disco.minimoMB).toBeGreaterThan(disco.liberoMB as number);

    const righe: Record<string, unknown>[] = [];
    const smetti = ascoltaLog((r) => righe.push(r));
    const rotto = statoSalute(() => {
      throw new Error(`SQLITE_CANTOPEN: ${o.fileDatabase}`);
    }, o);
    expect(rotto.pronto).toBe(false);
    expect(rotto.vivo).toBe(true);
    for (const nome of ["database", "posta", "backup", "filePubblicati"] as const) expect(rotto.controlli[nome]).toEqual({ ok: false, motivo: "il controllo non è riuscito (dettagli nel log del server)." });
    expect(rotto.controlli.disco.ok).toBe(true);
    expect(JSON.stringify(rotto)).not.toContain(c);
    smetti();
    expect(righe).toContainEqual(expect.objectContaining({ lavoro: "salute", controllo: "database", level: 50 }));
  });
});
