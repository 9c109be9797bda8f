/** Client addresses are kept 90 days (issue 20); the audit log allows blanking them and nothing else. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, loginAttempts, sessioni, users } from "../../db/schema";
import { conservazioneIndirizzi, GIORNI_INDIRIZZI } from "./conservazione";

const giorniFa = (g: number) => new Date(Date.now() - g * 24 * 60 * 60_000).toISOString();

function prepara() {
  const db = memoryDb();
  db.insert(users).values({ id: 1, email: "a@x.it", nome: "A", passwordHash: "x" }).run();
  const voce = (at: string, ip: string | null, azione: "accesso" | "accesso.fallito" = "accesso") =>
    Number(db.insert(auditLog).values({ at, userId: 1, attore: "a@x.it", azione, ip }).run().lastInsertRowid);
  const vecchia = voce(giorniFa(GIORNI_INDIRIZZI + 1), "10.0.0.1");
  const vecchiaSenzaIp = voce(giorniFa(GIORNI_INDIRIZZI + 2), null, "accesso.fallito");
  const recente = voce(giorniFa(GIORNI_INDIRIZZI - 1), "10.0.0.2");
  db.insert(sessioni).values([
    { id: "vecchia", userId: 1, createdAt: giorniFa(GIORNI_INDIRIZZI + 1), ultimoUsoIl: giorniFa(GIORNI_INDIRIZZI + 1), ip: "10.0.0.3" },
    { id: "recente", userId: 1, createdAt: giorniFa(1), ultimoUsoIl: giorniFa(1), ip: "10.0.0.4" },
  ]).run();
  db.insert(loginAttempts).values([
    { email: "a@x.it", ip: "10.0.0.5", riuscito: false, at: giorniFa(1) },
    { email: "a@x.it", ip: "10.0.0.6", riuscito: false, at: new Date().toISOString() },
  ]).run();
  const riga = (id: number) => db.select().from(auditLog).where(eq(auditLog.id, id)).get()!;
  return { db, vecchia, vecchiaSenzaIp, recente, riga };
}

describe("conservazione degli indirizzi", () => {
  it(`dopo ${GIORNI_INDIRIZZI} giorni l'indirizzo è cancellato dal registro e dalle sessioni; i tentativi di accesso vivono solo la finestra`, () => {
    const { db, vecchia, vecchiaSenzaIp, recente, riga } = prepara();
    const prima = riga(vecchia);
    expect(conservazioneIndirizzi(db)).toEqual({ registro: 1, sessioni: 1, tentativi: 1 });
    // The row stays whole, only without its address.
    expect(riga(vecchia)).toEqual({ ...prima, ip: null });
    expect(riga(vecchiaSenzaIp).ip).toBeNull();
    expect(riga(recente).ip).toBe("10.0.0.2");
    expect(db.select({ id: sessioni.id, ip: sessioni.ip }).from(sessioni).orderBy(sessioni.id).all()).toEqual([
      { id: "recente", ip: "10.0.0.4" },
      { id: "vecchia", ip: null },
    ]);
    expect(db.select({ ip: loginAttempts.ip }).from(loginAttempts).all()).toEqual([{ ip: "10.0.0.6" }]);
    // Said in the log itself; a second pass finds nothing and writes nothing.
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "conservazione.indirizzi")).all()).toMatchObject([
      { attore: "conservazione", ip: null, dettagli: { registro: 1, sessioni: 1, tentativi: 1, giorni: GIORNI_INDIRIZZI } },
    ]);
    const righe = db.select().from(auditLog).all().length;
    expect(conservazioneIndirizzi(db)).toEqual({ registro: 0, sessioni: 0, tentativi: 0 });
    expect(db.select().from(auditLog).all()).toHaveLength(righe);
  });

  it("un giorno futuro passato per errore non anticipa la cancellazione", () => {
    const { db, recente, riga } = prepara();
    conservazioneIndirizzi(db, new Date(Date.now() + 30 * 24 * 60 * 60_000));
    expect(riga(recente).ip).toBe("10.0.0.2");
  });

  it("il trigger del registro consente solo di cancellare l'indirizzo delle righe con più di 90 giorni", () => {
    const { db, vecchia, recente, riga } = prepara();
    const prova = (q: string) => () => db.$client.prepare(q).run();
    const nega = /audit_log: sola aggiunta/;
    // Any other change, of an old row or a recent one, is refused.
    expect(prova(`UPDATE audit_log SET ip = NULL WHERE id = ${recente}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = '192.0.2.1' WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET attore = 'altro' WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = NULL, azione = 'uscita' WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = NULL, at = '${new Date().toISOString()}' WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = NULL, dettagli = '{"x":1}' WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = NULL, id = 999 WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`UPDATE audit_log SET ip = NULL, user_id = NULL WHERE id = ${vecchia}`)).toThrow(nega);
    expect(prova(`DELETE FROM audit_log WHERE id = ${vecchia}`)).toThrow(/DELETE non consentito/);
    expect(riga(vecchia).ip).toBe("10.0.0.1");
    expect(riga(recente).ip).toBe("10.0.0.2");
    // Exactly the retention's update goes through.
    expect(db.update(auditLog).set({ ip: null }).where(eq(auditLog.id, vecchia)).run().changes).toBe(1);
    expect(riga(vecchia).ip).toBeNull();
    expect(db.$client.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'audit_log_con_ip'").get()).toEqual({ n: 1 });
  });
});
