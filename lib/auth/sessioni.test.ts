import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, sessioni, users } from "../../db/schema";
import { apriSessione, DURATA_MASSIMA_ORE, esci, INATTIVITA_MINUTI, revocaSessione, revocaTutte, toccaSessione, usaSessione, validaSessione } from "./sessioni";

const T0 = new Date("2026-11-25T08:00:00.000Z");
const minuti = (n: number) => new Date(T0.getTime() + n * 60_000);

function conUtente() {
  const db = memoryDb();
  const id = Number(db.insert(users).values({ email: "u@comune.example", nome: "U", passwordHash: "x" }).run().lastInsertRowid);
  return { db, id };
}

describe("sessioni revocabili", () => {
  it("una sessione aperta vale per il suo utente", () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { ip: "10.0.0.1", adesso: T0 });
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(validaSessione(db, sid, minuti(1))).toEqual({ ok: true, userId: id, ultimoUsoIl: T0.toISOString() });
    expect(validaSessione(db, "sconosciuta", minuti(1))).toEqual({ ok: false, motivo: "inesistente" });
    expect(validaSessione(db, "", minuti(1))).toEqual({ ok: false, motivo: "inesistente" });
  });

  it(`finisce dopo ${INATTIVITA_MINUTI} minuti senza richieste`, () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    expect(validaSessione(db, sid, minuti(INATTIVITA_MINUTI - 0.1)).ok).toBe(true);
    expect(validaSessione(db, sid, minuti(INATTIVITA_MINUTI))).toEqual({ ok: false, motivo: "inattiva" });
  });

  it("usarla la tiene viva, ma annota l'uso al massimo una volta al minuto", () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    const ultimo = () => db.select({ u: sessioni.ultimoUsoIl }).from(sessioni).where(eq(sessioni.id, sid)).get()!.u;
    expect(toccaSessione(db, sid, minuti(0.5))).toBe(false);
    expect(ultimo()).toBe(T0.toISOString());
    expect(usaSessione(db, sid, minuti(20)).ok).toBe(true);
    expect(ultimo()).toBe(minuti(20).toISOString());
    expect(usaSessione(db, sid, minuti(45)).ok).toBe(true);
    expect(usaSessione(db, sid, minuti(70)).ok).toBe(true);
    expect(validaSessione(db, sid, minuti(101))).toEqual({ ok: false, motivo: "inattiva" });
  });

  it(`non dura più di ${DURATA_MASSIMA_ORE} ore, anche se usata di continuo`, () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    for (let m = 10; m < DURATA_MASSIMA_ORE * 60; m += 10) expect(usaSessione(db, sid, minuti(m)).ok).toBe(true);
    expect(usaSessione(db, sid, minuti(DURATA_MASSIMA_ORE * 60))).toEqual({ ok: false, motivo: "scaduta" });
  });

  it("l'uscita la revoca: il cookie copiato prima non vale più", () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    expect(revocaSessione(db, sid, minuti(1))).toBe(true);
    expect(revocaSessione(db, sid, minuti(2))).toBe(false);
    expect(usaSessione(db, sid, minuti(2))).toEqual({ ok: false, motivo: "revocata" });
  });

  it("un utente disattivato è fuori alla richiesta successiva", () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    db.update(users).set({ attivo: false }).where(eq(users.id, id)).run();
    expect(validaSessione(db, sid, minuti(1))).toEqual({ ok: false, motivo: "utente disattivato" });
  });

  it("revocaTutte chiude tutte le sessioni dell'utente, tranne quella indicata, e non tocca gli altri utenti", () => {
    const { db, id } = conUtente();
    const altro = Number(db.insert(users).values({ email: "altro@comune.example", nome: "A", passwordHash: "x" }).run().lastInsertRowid);
    const [a, b, c] = [1, 2, 3].map(() => apriSessione(db, id, { adesso: T0 }));
    const d = apriSessione(db, altro, { adesso: T0 });
    expect(revocaTutte(db, id, b, minuti(1))).toBe(2);
    expect([a, b, c, d].map((s) => validaSessione(db, s, minuti(2)).ok)).toEqual([false, true, false, true]);
    expect(revocaTutte(db, id, null, minuti(3))).toBe(1);
    expect(validaSessione(db, b, minuti(4))).toEqual({ ok: false, motivo: "revocata" });
  });
});

describe("uscire", () => {
  it("chiude la sessione subito e scrive la riga di registro", () => {
    const { db, id } = conUtente();
    const sid = apriSessione(db, id, { adesso: T0 });
    esci(db, { userId: id, email: "u@comune.example", sid }, minuti(1));
    expect(validaSessione(db, sid, minuti(2))).toEqual({ ok: false, motivo: "revocata" });
    expect(db.select().from(auditLog).all().map((r) => [r.azione, r.userId, r.attore])).toEqual([["uscita", id, "u@comune.example"]]);
  });
});
