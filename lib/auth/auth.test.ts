import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, loginAttempts, notifications, roleMemberships, users } from "../../db/schema";
import { caricaUtente } from "./actor";
import { MESSAGGIO_BLOCCATO, MESSAGGIO_CREDENZIALI, verificaCredenziali } from "./login";
import { hashPassword } from "./password";
import { ATTESA_MASSIMA_MS, attesaPer, MAX_FALLITI_PER_ACCOUNT, MAX_FALLITI_PER_INDIRIZZO } from "./throttle";

async function conUtente() {
  const db = memoryDb();
  const id = Number(
    db.insert(users).values({ email: "referente@comune.example", nome: "Referente", passwordHash: await hashPassword("giusta-123") }).run().lastInsertRowid,
  );
  db.insert(roleMemberships).values({ userId: id, ruolo: "lettore" }).run();
  return { db, id };
}

describe("accesso", () => {
  it("accetta le credenziali giuste, ignorando maiuscole e spazi nell'email", async () => {
    const { db, id } = await conUtente();
    const r = await verificaCredenziali(db, "  Referente@Comune.example ", "giusta-123", "10.0.0.1");
    expect(r).toEqual({ ok: true, userId: id, nome: "Referente", email: "referente@comune.example" });
    expect(db.select().from(auditLog).all().map((a) => a.azione)).toEqual(["accesso"]);
  });

  it("dà lo stesso messaggio per password sbagliata e per email inesistente, e li registra", async () => {
    const { db } = await conUtente();
    const a = await verificaCredenziali(db, "referente@comune.example", "sbagliata", "10.0.0.1");
    const b = await verificaCredenziali(db, "nessuno@comune.example", "sbagliata", "10.0.0.1");
    expect(a).toEqual({ ok: false, messaggio: MESSAGGIO_CREDENZIALI });
    expect(b).toEqual(a);
    expect(db.select().from(auditLog).all().map((x) => x.azione)).toEqual(["accesso.fallito", "accesso.fallito"]);
  });

  it("rifiuta un utente disattivato con il messaggio generico", async () => {
    const { db, id } = await conUtente();
    db.update(users).set({ attivo: false }).where(eq(users.id, id)).run();
    expect(await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.0.0.1")).toEqual({ ok: false, messaggio: MESSAGGIO_CREDENZIALI });
  });

  it(`dopo ${MAX_FALLITI_PER_ACCOUNT} errori blocca chi sbaglia da quell'indirizzo, non il titolare che accede dal suo`, async () => {
    const { db } = await conUtente();
    const attese: number[] = [];
    const attendi = async (ms: number) => attese.push(ms);
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT; i++) await verificaCredenziali(db, "referente@comune.example", "no", "10.6.6.6", { attendi });
    expect(await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.6.6.6", { attendi })).toEqual({ ok: false, messaggio: MESSAGGIO_BLOCCATO });
    // The owner, elsewhere, still gets in: after a wait, never a lockout.
    expect((await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.0.0.1", { attendi })).ok).toBe(true);
    expect(attese).toEqual([1000]); // five failures so far: the refused attempt is not counted
  });

  it("chi prova da molti indirizzi è rallentato sempre di più, ma la password giusta entra", async () => {
    const { db } = await conUtente();
    const attese: number[] = [];
    const attendi = async (ms: number) => attese.push(ms);
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT + 3; i++) await verificaCredenziali(db, "referente@comune.example", "no", `10.0.1.${i}`, { attendi });
    expect(attese).toEqual([1000, 2000, 3000]);
    expect((await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.0.2.1", { attendi })).ok).toBe(true);
    expect(attese.at(-1)).toBe(ATTESA_MASSIMA_MS);
    for (let n = 0; n < 40; n++) expect(attesaPer(n)).toBeLessThanOrEqual(ATTESA_MASSIMA_MS);
  });

  it("quando si raggiunge la soglia, il titolare e gli amministratori sono avvisati una volta", async () => {
    const { db, id } = await conUtente();
    const admin = Number(db.insert(users).values({ email: "admin@comune.example", nome: "Admin", passwordHash: "x" }).run().lastInsertRowid);
    db.insert(roleMemberships).values({ userId: admin, ruolo: "amministratore" }).run();
    const attendi = async () => undefined;
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT + 2; i++) await verificaCredenziali(db, "referente@comune.example", "no", `10.0.3.${i}`, { attendi });
    const avvisi = db.select().from(notifications).all();
    expect(avvisi.map((n) => n.userId).sort()).toEqual([id, admin].sort());
    expect(avvisi[0].testo).toMatch(/Tentativi di accesso non riusciti: referente@comune.example/);
  });

  it("il blocco scade dopo la finestra", async () => {
    const { db } = await conUtente();
    const vecchio = new Date(Date.now() - 16 * 60_000).toISOString();
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT; i++) db.insert(loginAttempts).values({ email: "referente@comune.example", ip: "x", riuscito: false, at: vecchio }).run();
    expect((await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.0.0.1")).ok).toBe(true);
  });

  it(`blocca un indirizzo dopo ${MAX_FALLITI_PER_INDIRIZZO} errori su account diversi`, async () => {
    const { db } = await conUtente();
    for (let i = 0; i < MAX_FALLITI_PER_INDIRIZZO; i++) {
      db.insert(loginAttempts).values({ email: `prova${i}@comune.example`, ip: "10.6.6.6", riuscito: false }).run();
    }
    expect(await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.6.6.6")).toEqual({ ok: false, messaggio: MESSAGGIO_BLOCCATO });
    expect((await verificaCredenziali(db, "referente@comune.example", "giusta-123", "10.0.0.2")).ok).toBe(true);
  });
});

describe("chi agisce è letto dal database a ogni richiesta", () => {
  it("un ruolo tolto o un utente disattivato hanno effetto subito", async () => {
    const { db, id } = await conUtente();
    expect(caricaUtente(db, id)!.attore.ruoli).toEqual([{ ruolo: "lettore", settoreId: null }]);
    db.delete(roleMemberships).where(eq(roleMemberships.userId, id)).run();
    expect(caricaUtente(db, id)!.attore.ruoli).toEqual([]);
    db.update(users).set({ attivo: false }).where(eq(users.id, id)).run();
    expect(caricaUtente(db, id)).toBeNull();
  });
});
