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
import { AMMINISTRATORE, ASSESSORE, COORDINATORE, edizionePubblicata } from "../lib/publication/prova-pubblicata";
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
    x.db.$client.prepare("UPDATE editions SET dati_json = ?, sha256 = ?, stato = 'in_firma', inviata_firma_da = ? WHERE id = ?").run(testo, sha256(testo), COORDINATORE, x.bozzaId);
    // The signer as the app records them: name and email now, their Assessore grant and its author (drizzle/0010).
    const firma = (userId: number, revisione = 1) =>
      x.db.$client
        .prepare(
          `INSERT INTO signatures (edition_id, revisione, user_id, sha256, firmatario, firmatario_email, concessione_id, concesso_da, concesso_da_nome)
           SELECT ?, ?, u.id, ?, u.nome, u.email, r.concessione_id, r.concesso_da, (SELECT nome FROM users WHERE id = r.concesso_da)
           FROM users u LEFT JOIN role_memberships r ON r.user_id = u.id AND r.ruolo = 'assessore' WHERE u.id = ?`,
        )
        .run(x.bozzaId, revisione, sha256(testo), userId);
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

describe("nessuno firma al posto dell'Assessore (drizzle/0010)", () => {
  function inFirma(inviataDa = COORDINATORE) {
    const x = edizionePubblicata();
    const testo = '{"prova":true}\n';
    x.db.$client.prepare("UPDATE editions SET dati_json = ?, sha256 = ?, stato = 'in_firma', inviata_firma_da = ? WHERE id = ?").run(testo, sha256(testo), inviataDa, x.bozzaId);
    const concessione = (userId: number) => x.db.$client.prepare("SELECT concessione_id FROM role_memberships WHERE user_id = ? AND ruolo = 'assessore'").pluck().get(userId) as number;
    /** The signature as the app writes it for the Assessore, with `cambia` applied: a forger's row. */
    const firma = (cambia: Record<string, unknown> = {}, userId = ASSESSORE) => {
      const c = {
        edition_id: x.bozzaId,
        revisione: 1,
        sha256: sha256(testo),
        user_id: userId,
        firmatario: "Rosita Viola",
        firmatario_email: "assessore@x.it",
        concessione_id: concessione(userId),
        concesso_da: AMMINISTRATORE,
        concesso_da_nome: "Paolo Ferrari",
        ...cambia,
      };
      return x.db.$client.prepare(`INSERT INTO signatures (${Object.keys(c).join(", ")}) VALUES (${Object.keys(c).map(() => "?").join(", ")})`).run(...Object.values(c));
    };
    const firme = () => x.db.$client.prepare("SELECT count(*) FROM signatures").pluck().get();
    return { ...x, firma, firme, concessione };
  }

  it("la firma fatta come la fa l'app passa", () => {
    const { firma, firme } = inFirma();
    expect(() => firma()).not.toThrow();
    expect(firme()).toBe(2);
  });

  it("un firmatario il cui ruolo di Assessore non è stato concesso da un'altra persona è rifiutato", () => {
    const { db, firma, firme, concessione } = inFirma();
    db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (9, 'solo@x.it', 'Senza nomina', 'h')");
    db.$client.exec("INSERT INTO role_memberships (user_id, ruolo) VALUES (9, 'assessore')");
    expect(() => firma({ firmatario: "Senza nomina", firmatario_email: "solo@x.it", concesso_da: null, concesso_da_nome: null }, 9)).toThrow(/concesso da un'altra persona/);
    // Nor does a signature name a grant that is not the signer's, or someone else as its author.
    expect(() => firma({ concessione_id: concessione(ASSESSORE) + 100 })).toThrow(/concesso da un'altra persona/);
    expect(() => firma({ concesso_da: COORDINATORE, concesso_da_nome: "Giulia Rossi" })).toThrow(/concesso da un'altra persona/);
    expect(firme()).toBe(1);
  });

  it("chi è anche amministratore o coordinatore non firma", () => {
    const { db, firma, firme } = inFirma();
    // The role itself is refused (drizzle/0010): only with the triggers out of the way can the row exist.
    expect(() => db.$client.exec(`INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (${ASSESSORE}, 'coordinatore', ${AMMINISTRATORE})`)).toThrow(/non può essere anche/);
    const trigger = db.$client.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'role_memberships'").all() as { name: string; sql: string }[];
    for (const t of trigger) db.$client.exec(`DROP TRIGGER ${t.name}`);
    db.$client.exec(`INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (${ASSESSORE}, 'coordinatore', ${AMMINISTRATORE})`);
    for (const t of trigger) db.$client.exec(t.sql);
    expect(() => firma()).toThrow(/chi è amministratore o coordinatore non firma/);
    expect(firme()).toBe(1);
  });

  it("chi ha inviato l'edizione alla firma non la firma", () => {
    const { firma, firme } = inFirma(ASSESSORE);
    expect(() => firma()).toThrow(/chi ha inviato l'edizione alla firma non la firma/);
    expect(firme()).toBe(1);
  });

  it("il firmatario e chi gli ha concesso il ruolo sono registrati come sono in quel momento", () => {
    const { firma, firme } = inFirma();
    expect(() => firma({ firmatario: "L'Assessore" })).toThrow(/sono quelli di questo momento/);
    expect(() => firma({ firmatario_email: null })).toThrow(/sono quelli di questo momento/);
    expect(() => firma({ concesso_da_nome: "Un altro nome" })).toThrow(/sono quelli di questo momento/);
    expect(firme()).toBe(1);
  });

  it("l'edizione in firma sa chi l'ha inviata, e questo non cambia finché aspetta la firma", () => {
    const { db, bozzaId } = edizionePubblicata();
    const testo = '{"prova":true}\n';
    const x = db.$client;
    expect(() => x.prepare("UPDATE editions SET dati_json = ?, sha256 = ?, stato = 'in_firma' WHERE id = ?").run(testo, sha256(testo), bozzaId)).toThrow(/registra chi la invia/);
    x.prepare("UPDATE editions SET dati_json = ?, sha256 = ?, stato = 'in_firma', inviata_firma_da = ? WHERE id = ?").run(testo, sha256(testo), COORDINATORE, bozzaId);
    expect(() => x.prepare("UPDATE editions SET inviata_firma_da = ? WHERE id = ?").run(AMMINISTRATORE, bozzaId)).toThrow(/non si cambia/);
    // Back in preparation (withdrawn or sent back) it is cleared.
    expect(() => x.prepare("UPDATE editions SET stato = 'in_preparazione', dati_json = NULL, sha256 = NULL, inviata_firma_da = NULL WHERE id = ?").run(bozzaId)).not.toThrow();
  });
});
