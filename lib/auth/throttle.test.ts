/**
 * What a guesser costs the database and the account's owner (issue 20): a blocked
 * address writes (almost) nothing, only verified failures count, old attempts are
 * pruned, the owner never waits more than 3 s, and the notice goes out once a day.
 */
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, loginAttempts, mailOutbox, notifications, roleMemberships, users } from "../../db/schema";
import { MESSAGGIO_BLOCCATO, MESSAGGIO_CREDENZIALI, verificaCredenziali } from "./login";
import { hashPassword } from "./password";
import { ATTESA_MASSIMA_MS, attesaPer, MAX_FALLITI_PER_ACCOUNT, POTATURA_PER_SCRITTURA, valutaTentativo } from "./throttle";

const EMAIL = "assessore@comune.example";
const nessunaAttesa = async () => undefined;

async function conUtente() {
  const db = memoryDb();
  const id = Number(db.insert(users).values({ email: EMAIL, nome: "Assessore", passwordHash: await hashPassword("giusta-123") }).run().lastInsertRowid);
  db.insert(roleMemberships).values({ userId: id, ruolo: "assessore" }).run();
  const admin = Number(db.insert(users).values({ email: "admin@comune.example", nome: "Admin", passwordHash: "x" }).run().lastInsertRowid);
  db.insert(roleMemberships).values({ userId: admin, ruolo: "amministratore" }).run();
  const righe = (t: typeof auditLog | typeof loginAttempts) => db.select({ n: sql<number>`count(*)` }).from(t).get()!.n;
  return { db, id, admin, righe };
}

/** Moves every login attempt out of the window, as if `minuti` had passed. */
const invecchia = (db: ReturnType<typeof memoryDb>, minuti: number) =>
  db.update(loginAttempts).set({ at: sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${loginAttempts.at}, ${`-${minuti} minutes`})` }).run();

describe("un indirizzo bloccato non scrive nel database", () => {
  it("100 tentativi da un indirizzo bloccato aggiungono al più una riga al registro e nessun tentativo", async () => {
    const { db, righe } = await conUtente();
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT; i++) await verificaCredenziali(db, EMAIL, "sbagliata", "10.6.6.6", { attendi: nessunaAttesa });
    const registro = righe(auditLog);
    const tentativi = righe(loginAttempts);
    for (let i = 0; i < 100; i++) {
      // The right password too: refused, and not even checked.
      expect(await verificaCredenziali(db, EMAIL, i % 3 ? "giusta-123" : "no", "10.6.6.6", { attendi: nessunaAttesa })).toEqual({ ok: false, messaggio: MESSAGGIO_BLOCCATO });
    }
    expect(righe(auditLog) - registro).toBeLessThanOrEqual(1);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "accesso.bloccato")).all()).toMatchObject([{ ip: "10.6.6.6" }]);
    expect(righe(loginAttempts)).toBe(tentativi);
    // Blocked as an address (thirty failures on any accounts): any account, still one row for the window.
    db.insert(loginAttempts).values(Array.from({ length: 25 }, (_, i) => ({ email: `prova${i}@comune.example`, ip: "10.6.6.6", riuscito: false }))).run();
    for (let i = 0; i < 50; i++) expect(await verificaCredenziali(db, `altro${i}@comune.example`, "no", "10.6.6.6", { attendi: nessunaAttesa })).toEqual({ ok: false, messaggio: MESSAGGIO_BLOCCATO });
    expect(righe(auditLog) - registro).toBeLessThanOrEqual(1);
    expect(righe(loginAttempts)).toBe(tentativi + 25);
  });

  it("contano solo i fallimenti verificati: i tentativi respinti non allungano il blocco", async () => {
    const { db } = await conUtente();
    for (let i = 0; i < MAX_FALLITI_PER_ACCOUNT; i++) await verificaCredenziali(db, EMAIL, "sbagliata", "10.6.6.7", { attendi: nessunaAttesa });
    for (let i = 0; i < 50; i++) await verificaCredenziali(db, EMAIL, "sbagliata", "10.6.6.7", { attendi: nessunaAttesa });
    expect(db.select().from(loginAttempts).where(eq(loginAttempts.ip, "10.6.6.7")).all()).toHaveLength(MAX_FALLITI_PER_ACCOUNT);
    // Once the verified failures leave the window, the address may try again.
    invecchia(db, 16);
    expect((await verificaCredenziali(db, EMAIL, "giusta-123", "10.6.6.7", { attendi: nessunaAttesa })).ok).toBe(true);
  });

  it("una raffica di richieste in parallelo non ottiene più tentativi di una sequenza", async () => {
    const { db } = await conUtente();
    const esiti = await Promise.all(Array.from({ length: 20 }, () => verificaCredenziali(db, EMAIL, "sbagliata", "10.6.6.8", { attendi: nessunaAttesa })));
    expect(esiti.filter((e) => !e.ok && e.messaggio === MESSAGGIO_CREDENZIALI)).toHaveLength(MAX_FALLITI_PER_ACCOUNT);
    expect(esiti.filter((e) => !e.ok && e.messaggio === MESSAGGIO_BLOCCATO)).toHaveLength(20 - MAX_FALLITI_PER_ACCOUNT);
    expect(db.select().from(loginAttempts).where(eq(loginAttempts.ip, "10.6.6.8")).all()).toHaveLength(MAX_FALLITI_PER_ACCOUNT);
    // Once the burst is over, nothing stays reserved: another address is not blocked.
    expect(valutaTentativo(db, EMAIL, "10.6.6.9").bloccato).toBe(false);
  });

  it("i tentativi fuori dalla finestra sono eliminati a ogni scrittura, un numero limitato alla volta", async () => {
    const { db, righe } = await conUtente();
    const vecchio = new Date(Date.now() - 16 * 60_000).toISOString();
    const quanti = POTATURA_PER_SCRITTURA * 2 + 50;
    db.insert(loginAttempts).values(Array.from({ length: quanti }, (_, i) => ({ email: `x${i}@comune.example`, ip: `10.9.${i >> 8}.${i & 255}`, riuscito: false, at: vecchio }))).run();
    await verificaCredenziali(db, EMAIL, "sbagliata", "10.0.0.1", { attendi: nessunaAttesa });
    expect(righe(loginAttempts)).toBe(quanti - POTATURA_PER_SCRITTURA + 1);
    await verificaCredenziali(db, EMAIL, "giusta-123", "10.0.0.1", { attendi: nessunaAttesa });
    await verificaCredenziali(db, EMAIL, "giusta-123", "10.0.0.1", { attendi: nessunaAttesa });
    // Only the three recent ones are left.
    expect(righe(loginAttempts)).toBe(3);
  });
});

describe("il titolare non aspetta per colpa di altri", () => {
  it("dopo una raffica da altri indirizzi l'attesa del titolare non supera 3 secondi", async () => {
    const { db } = await conUtente();
    const adesso = new Date().toISOString();
    db.insert(loginAttempts).values(Array.from({ length: 200 }, (_, i) => ({ email: EMAIL, ip: `10.1.${i >> 8}.${i & 255}`, riuscito: false, at: adesso }))).run();
    expect(valutaTentativo(db, EMAIL, "192.0.2.10").attesaMs).toBeLessThanOrEqual(3_000);
    const attese: number[] = [];
    expect((await verificaCredenziali(db, EMAIL, "giusta-123", "192.0.2.10", { attendi: async (ms) => attese.push(ms) })).ok).toBe(true);
    expect(attese.length).toBeLessThanOrEqual(1);
    expect(Math.max(0, ...attese)).toBeLessThanOrEqual(3_000);
    expect(ATTESA_MASSIMA_MS).toBeLessThanOrEqual(3_000);
    for (let n = 0; n < 10_000; n += 7) expect(attesaPer(n)).toBeLessThanOrEqual(3_000);
  });
});

describe("avviso dei tentativi non riusciti", () => {
  const notifiche = (db: ReturnType<typeof memoryDb>) => db.select().from(notifications).all();
  const posta = (db: ReturnType<typeof memoryDb>) => db.select().from(mailOutbox).where(and(sql`${mailOutbox.oggetto} LIKE '%Tentativi di accesso%'`)).all();

  it("due raffiche nello stesso giorno mandano un solo avviso (al titolare e agli amministratori)", async () => {
    const { db, id, admin } = await conUtente();
    const raffica = async (n: number, rete: string) => {
      for (let i = 0; i < n; i++) await verificaCredenziali(db, EMAIL, "sbagliata", `${rete}.${i}`, { attendi: nessunaAttesa });
    };
    await raffica(15, "10.2.0");
    expect(notifiche(db).map((n) => n.userId).sort()).toEqual([id, admin].sort());
    expect(posta(db)).toHaveLength(2);
    // A quarter of an hour later, another burst: the window is new, the day is not.
    invecchia(db, 20);
    await raffica(15, "10.2.1");
    expect(notifiche(db)).toHaveLength(2);
    expect(posta(db)).toHaveLength(2);
    // A day later the owner is told again.
    invecchia(db, 20);
    db.update(notifications).set({ createdAt: new Date(Date.now() - 25 * 60 * 60_000).toISOString() }).run();
    await raffica(MAX_FALLITI_PER_ACCOUNT, "10.2.2");
    expect(notifiche(db)).toHaveLength(4);
    expect(posta(db)).toHaveLength(4);
  });
});
