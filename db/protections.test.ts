import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importaPacchetto } from "../lib/edition-package/import";
import { registra } from "../lib/audit";
import { memoryDb } from "./memory";

const demo = () => JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));

describe("il database stesso protegge ciò che non deve cambiare", () => {
  it("usa WAL su file, chiavi esterne e attesa sui lock", () => {
    const db = memoryDb();
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
  });

  it("il registro accetta solo aggiunte: UPDATE e DELETE sono rifiutati", () => {
    const db = memoryDb();
    registra(db, { azione: "prova", attore: "test" });
    expect(() => db.$client.exec("UPDATE audit_log SET azione = 'altro'")).toThrow(/sola aggiunta/);
    expect(() => db.$client.exec("DELETE FROM audit_log")).toThrow(/sola aggiunta/);
    expect(db.$client.prepare("SELECT azione FROM audit_log").all()).toEqual([{ azione: "prova" }]);
  });

  it("un'edizione pubblicata rifiuta ogni modifica, anche in SQL diretto", () => {
    const db = memoryDb();
    const p = demo();
    p.edizione.stato = "pubblicata";
    const r = importaPacchetto(db, p, { userId: null, attore: "test" });
    expect(r.ok).toBe(true);
    const tentativi = [
      "UPDATE editions SET titolo = 'x'",
      "DELETE FROM editions",
      "UPDATE parts SET titolo = 'x'",
      "DELETE FROM parts",
      "UPDATE areas SET titolo = 'x'",
      "UPDATE ambiti SET obiettivo = 'x'",
      "DELETE FROM ambito_settori",
      "UPDATE sections SET stato = 'bozza'",
      "DELETE FROM sections",
      "UPDATE blocks SET payload = '{}'",
      "DELETE FROM blocks",
      "INSERT INTO blocks (section_id, tipo, payload, posizione) SELECT id, 'testo', '{}', 99 FROM sections LIMIT 1",
      "UPDATE revisions SET contenuto = '[]'",
      "DELETE FROM revisions",
    ];
    for (const sql of tentativi) expect(() => db.$client.exec(sql), sql).toThrow(/edizione pubblicata/);
  });

  it("un'edizione in preparazione resta modificabile", () => {
    const db = memoryDb();
    importaPacchetto(db, demo(), { userId: null, attore: "test" });
    expect(() => db.$client.exec("UPDATE sections SET scadenza = '2026-12-31'")).not.toThrow();
  });

  it("un referente deve avere un settore, gli altri ruoli no", () => {
    const db = memoryDb();
    db.$client.exec("INSERT INTO users (email, nome, password_hash) VALUES ('a@b.it', 'A', 'x')");
    expect(() => db.$client.exec("INSERT INTO role_memberships (user_id, ruolo) VALUES (1, 'referente')")).toThrow(/CHECK/);
    expect(() => db.$client.exec("INSERT INTO role_memberships (user_id, ruolo) VALUES (1, 'lettore')")).not.toThrow();
  });
});
