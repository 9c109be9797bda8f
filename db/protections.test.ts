import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importaPacchetto } from "../lib/edition-package/import";
import { registra } from "../lib/audit/registra";
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
    registra(db, { azione: "accesso", attore: "test" });
    expect(() => db.$client.exec("UPDATE audit_log SET azione = 'altro'")).toThrow(/sola aggiunta/);
    expect(() => db.$client.exec("DELETE FROM audit_log")).toThrow(/sola aggiunta/);
    expect(db.$client.prepare("SELECT azione FROM audit_log").all()).toEqual([{ azione: "accesso" }]);
  });

  // The published edition's lock is tested on a real publication in lib/editions/lifecycle.test.ts.
  it("un pacchetto non può dichiararsi firmato o pubblicato: lo stato nasce dall'app", () => {
    const db = memoryDb();
    for (const stato of ["in_firma", "firmata", "pubblicata"]) {
      const p = demo();
      p.edizione.stato = stato;
      const r = importaPacchetto(db, p, { userId: null, attore: "test" });
      expect(r).toMatchObject({ ok: false, errori: [{ percorso: "$.edizione.stato" }] });
    }
    expect(db.$client.prepare("SELECT count(*) AS n FROM editions").get()).toEqual({ n: 0 });
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
