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

describe("nessuno si dà da solo un ruolo, e lo storico dei ruoli lo scrive il database (drizzle/0010)", () => {
  function persone() {
    const db = memoryDb();
    const x = db.$client;
    x.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'admin@x.it', 'Amministratore', 'h'), (2, 'mario@x.it', 'Mario', 'h'), (3, 'altro@x.it', 'Altro', 'h')");
    x.exec("INSERT INTO role_memberships (user_id, ruolo) VALUES (1, 'amministratore')");
    const storico = () => x.prepare("SELECT evento, user_id AS userId, ruolo, attore_id AS attoreId, concessione_id AS concessioneId FROM storico_ruoli ORDER BY id").all();
    const ruoli = (userId: number) => x.prepare("SELECT ruolo FROM role_memberships WHERE user_id = ? ORDER BY id").pluck().all(userId);
    return { db, x, storico, ruoli };
  }

  it("ogni ruolo concesso entra nello storico con chi lo ha concesso, e il ruolo punta a quella riga", () => {
    const { x, storico } = persone();
    x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (2, 'lettore', 1)");
    expect(storico()).toEqual([
      { evento: "concesso", userId: 1, ruolo: "amministratore", attoreId: null, concessioneId: null },
      { evento: "concesso", userId: 2, ruolo: "lettore", attoreId: 1, concessioneId: null },
    ]);
    expect(x.prepare("SELECT concessione_id FROM role_memberships WHERE user_id = 2").pluck().get()).toBe(2);
    // The pointer is the database's: nobody sets it, nobody changes it, nor who holds the role, which one, who granted it.
    expect(() => x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da, concessione_id) VALUES (3, 'lettore', 1, 2)")).toThrow(/la concessione la scrive il database/);
    for (const set of ["concessione_id = 1", "user_id = 3", "ruolo = 'coordinatore'", "concesso_da = 3"]) {
      expect(() => x.exec(`UPDATE role_memberships SET ${set} WHERE user_id = 2`), set).toThrow(/non si cambiano/);
    }
  });

  it("nessuno si concede un ruolo, né lo scrive nello storico come concesso o tolto da sé", () => {
    const { x, storico, ruoli } = persone();
    const prima = storico();
    expect(() => x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (1, 'coordinatore', 1)")).toThrow(/nessuno concede ruoli a se stesso/);
    expect(() => x.exec("INSERT INTO storico_ruoli (evento, user_id, ruolo, attore_id) VALUES ('concesso', 2, 'assessore', 2)")).toThrow(/nessuno concede o toglie ruoli a se stesso/);
    expect(() => x.exec("INSERT INTO storico_ruoli (evento, user_id, ruolo, attore_id, concessione_id) VALUES ('revocato', 1, 'amministratore', 1, 1)")).toThrow(/a se stesso/);
    expect(ruoli(1)).toEqual(["amministratore"]);
    expect(storico()).toEqual(prima);
  });

  it("l'Assessore non è anche amministratore o coordinatore, in nessun ordine", () => {
    const { x, ruoli } = persone();
    x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (2, 'assessore', 1), (3, 'coordinatore', 1)");
    for (const ruolo of ["amministratore", "coordinatore"]) {
      expect(() => x.exec(`INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (2, '${ruolo}', 1)`)).toThrow(/l'Assessore non può essere anche amministratore o coordinatore/);
    }
    expect(() => x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (3, 'assessore', 1)")).toThrow(/non può essere anche/);
    expect(() => x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (1, 'assessore', 3)")).toThrow(/non può essere anche/);
    expect(ruoli(2)).toEqual(["assessore"]);
    expect(ruoli(3)).toEqual(["coordinatore"]);
  });

  it("lo storico è di sola aggiunta; una revoca nomina la sua concessione; un ruolo cancellato fuori dall'app è registrato comunque", () => {
    const { x, storico, ruoli } = persone();
    x.exec("INSERT INTO role_memberships (user_id, ruolo, concesso_da) VALUES (2, 'coordinatore', 1)");
    expect(() => x.exec("UPDATE storico_ruoli SET attore_id = 3")).toThrow(/sola aggiunta/);
    expect(() => x.exec("DELETE FROM storico_ruoli")).toThrow(/sola aggiunta/);
    expect(() => x.exec("INSERT INTO storico_ruoli (evento, user_id, ruolo) VALUES ('preesistente', 2, 'assessore')")).toThrow(/solo la migrazione/);
    expect(() => x.exec("INSERT INTO storico_ruoli (evento, user_id, ruolo, attore_id, concessione_id) VALUES ('revocato', 2, 'lettore', 1, 2)")).toThrow(/nomina la concessione/);
    x.exec("DELETE FROM role_memberships WHERE user_id = 2");
    expect(ruoli(2)).toEqual([]);
    expect(storico().at(-1)).toEqual({ evento: "revocato", userId: 2, ruolo: "coordinatore", attoreId: null, concessioneId: 2 });
  });

  it("unendo due settori il ruolo del referente si sposta, e lo storico lo dice", () => {
    const { x, storico } = persone();
    x.exec("INSERT INTO settori (id, codice, nome) VALUES (1, 'a', 'A'), (2, 'b', 'B')");
    x.exec("INSERT INTO role_memberships (user_id, ruolo, settore_id, concesso_da) VALUES (2, 'referente', 1, 1)");
    x.exec("UPDATE role_memberships SET settore_id = 2 WHERE user_id = 2");
    expect(storico().at(-1)).toEqual({ evento: "spostato", userId: 2, ruolo: "referente", attoreId: null, concessioneId: 2 });
  });
});
