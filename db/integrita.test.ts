/**
 * drizzle/0006: the lock of a published edition looks at the NEW parent too, and
 * the database ties published bytes to their hash and signatures to an Assessore.
 * Tried in raw SQL, as someone with the database file in hand would.
 */
import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ASSESSORE, COORDINATORE, edizionePubblicata } from "../lib/publication/prova-pubblicata";
import { sha256 } from "../lib/sha256";
import { applyMigrations, openDatabase } from "./open";

const BLOCCATA = /edizione pubblicata: non modificabile/;

describe("il blocco di un'edizione pubblicata guarda anche la riga NUOVA", () => {
  it("nessuna riga di una bozza si sposta sotto un genitore pubblicato", () => {
    const { db, pubblicataId, bozzaId, primo, contaBlocchi } = edizionePubblicata();
    const x = db.$client;
    // A draft revision to move, whatever the carry-forward wrote.
    x.prepare("INSERT INTO revisions (section_id, numero, contenuto, motivo) VALUES (?, 999, '[]', 'salvataggio')").run(primo("sections", bozzaId));
    const blocchiPubblicati = contaBlocchi(pubblicataId);
    const tentativi: [string, number, number][] = [
      ["UPDATE blocks SET section_id = ? WHERE id = ?", primo("sections", pubblicataId), primo("blocks", bozzaId)],
      ["UPDATE revisions SET section_id = ? WHERE id = ?", primo("sections", pubblicataId), x.prepare("SELECT id FROM revisions WHERE numero = 999").pluck().get() as number],
      ["UPDATE sections SET edition_id = ? WHERE id = ?", pubblicataId, primo("sections", bozzaId)],
      ["UPDATE sections SET part_id = ? WHERE id = ?", primo("parts", pubblicataId), primo("sections", bozzaId)],
      ["UPDATE sections SET ambito_id = ? WHERE id = ?", primo("ambiti", pubblicataId), primo("sections", bozzaId)],
      ["UPDATE parts SET edition_id = ? WHERE id = ?", pubblicataId, primo("parts", bozzaId)],
      ["UPDATE areas SET part_id = ? WHERE id = ?", primo("parts", pubblicataId), primo("areas", bozzaId)],
      ["UPDATE ambiti SET area_id = ? WHERE id = ?", primo("areas", pubblicataId), primo("ambiti", bozzaId)],
      ["UPDATE ambito_settori SET ambito_id = ? WHERE rowid = (SELECT min(rowid) FROM ambito_settori WHERE ambito_id = ?)", primo("ambiti", pubblicataId), primo("ambiti", bozzaId)],
    ];
    for (const [sql, nuovo, riga] of tentativi) expect(() => x.prepare(sql).run(nuovo, riga), sql).toThrow(BLOCCATA);
    // Nor is a new section of a draft hung under a published part or ambito.
    const s = x.prepare("SELECT * FROM sections WHERE id = ?").get(primo("sections", bozzaId)) as Record<string, unknown>;
    const inserisci = "INSERT INTO sections (edition_id, part_id, ambito_id, codice, titolo, settore_id, posizione) VALUES (?, ?, ?, 'nuova', 'Nuova', ?, 99)";
    expect(() => x.prepare(inserisci).run(bozzaId, primo("parts", pubblicataId), null, s.settore_id)).toThrow(BLOCCATA);
    const ambitoLibero = x.prepare("SELECT b.id FROM ambiti b JOIN areas a ON a.id = b.area_id JOIN parts p ON p.id = a.part_id WHERE p.edition_id = ?").pluck().get(pubblicataId);
    expect(() => x.prepare(inserisci).run(bozzaId, s.part_id, ambitoLibero, s.settore_id)).toThrow(BLOCCATA);
    expect(contaBlocchi(pubblicataId)).toBe(blocchiPubblicati);
  });

  it("dentro la bozza le righe si spostano come prima", () => {
    const { db, bozzaId, primo } = edizionePubblicata();
    const [a, b] = db.$client.prepare("SELECT id FROM sections WHERE edition_id = ? ORDER BY id LIMIT 2").pluck().all(bozzaId) as number[];
    expect(() => db.$client.prepare("UPDATE blocks SET section_id = ? WHERE id = ?").run(b, primo("blocks", bozzaId))).not.toThrow();
    expect(a).not.toBe(b);
  });
});

describe("i byte pubblicati sono legati al loro SHA-256", () => {
  it("una pubblicazione i cui byte non hanno lo SHA-256 firmato è rifiutata", () => {
    const { db } = edizionePubblicata();
    const altera = "INSERT INTO publications (edition_id, revisione, dati_json, sha256, signature_id) SELECT edition_id, 2, replace(dati_json, 'Cremona', 'Crema'), sha256, signature_id FROM publications";
    expect(() => db.$client.exec(altera)).toThrow(/non hanno lo SHA-256 dichiarato/);
    expect(db.$client.prepare("SELECT count(*) FROM publications").pluck().get()).toBe(1);
  });

  it("il contenuto congelato ha il suo SHA-256, o nessuno dei due", () => {
    const { db, bozzaId } = edizionePubblicata();
    const congela = db.$client.prepare("UPDATE editions SET dati_json = ?, sha256 = ? WHERE id = ?");
    expect(() => congela.run("{}\n", "a".repeat(64), bozzaId)).toThrow(/congelati non hanno lo SHA-256/);
    expect(() => congela.run(null, sha256("{}\n"), bozzaId)).toThrow(/congelati non hanno lo SHA-256/);
    expect(() => congela.run("{}\n", sha256("{}\n"), bozzaId)).not.toThrow();
    expect(() => congela.run(null, null, bozzaId)).not.toThrow();
  });

  it("sha256() è registrata su ogni connessione e dà l'impronta di sha256sum", () => {
    const db = openDatabase(":memory:");
    expect(db.$client.prepare("SELECT sha256('abc')").pluck().get()).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(db.$client.prepare("SELECT sha256(NULL)").pluck().get()).toBeNull();
    expect(db.$client.prepare("SELECT sha256('è')").pluck().get()).toBe(sha256("è"));
  });

  it("una connessione senza sha256() non può scrivere una pubblicazione", () => {
    const cartella = mkdtempSync(path.join(tmpdir(), "integrita-"));
    try {
      const file = path.join(cartella, "db.sqlite");
      const { testo, hash } = edizionePubblicata();
      const db = openDatabase(file);
      applyMigrations(db);
      db.$client.close();
      const nuda = new Database(file);
      expect(() => nuda.prepare("INSERT INTO publications (edition_id, revisione, dati_json, sha256, signature_id) VALUES (1, 1, ?, ?, 1)").run(testo, hash)).toThrow(/sha256/);
      nuda.close();
    } finally {
      rmSync(cartella, { recursive: true, force: true });
    }
  });
});

describe("firma solo un Assessore, una volta per revisione", () => {
  function inFirma() {
    const x = edizionePubblicata();
    const testo = '{"prova":true}\n';
    x.db.$client.prepare("UPDATE editions SET dati_json = ?, sha256 = ?, stato = 'in_firma' WHERE id = ?").run(testo, sha256(testo), x.bozzaId);
    const firma = (userId: number, revisione = 1) =>
      x.db.$client.prepare("INSERT INTO signatures (edition_id, revisione, user_id, sha256) VALUES (?, ?, ?, ?)").run(x.bozzaId, revisione, userId, sha256(testo));
    return { ...x, firma };
  }

  it("la firma di chi non è Assessore è rifiutata", () => {
    const { db, firma } = inFirma();
    expect(() => firma(COORDINATORE)).toThrow(/solo un Assessore attivo/);
    db.$client.prepare("INSERT INTO users (id, email, nome, password_hash) VALUES (9, 'nessuno@x.it', 'Senza ruoli', 'h')").run();
    expect(() => firma(9)).toThrow(/solo un Assessore attivo/);
    expect(db.$client.prepare("SELECT count(*) FROM signatures").pluck().get()).toBe(1);
  });

  it("un Assessore disattivato non firma", () => {
    const { db, firma } = inFirma();
    db.$client.prepare("UPDATE users SET attivo = 0 WHERE id = ?").run(ASSESSORE);
    expect(() => firma(ASSESSORE)).toThrow(/solo un Assessore attivo/);
  });

  it("l'Assessore firma una volta, la revisione in firma", () => {
    const { firma } = inFirma();
    expect(() => firma(ASSESSORE, 2)).toThrow(/già firmata, o non è quella in firma/);
    expect(() => firma(ASSESSORE)).not.toThrow();
    expect(() => firma(ASSESSORE)).toThrow(/già firmata/);
  });
});
