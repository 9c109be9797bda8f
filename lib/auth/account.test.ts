import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, mailOutbox, roleMemberships, sessioni, users } from "../../db/schema";
import type { Chi } from "../servizio";
import { accettaInvito, cambiaPassword, leggiLink, MAX_RICHIESTE_PER_EMAIL, MAX_RICHIESTE_PER_INDIRIZZO, reimpostaPassword, richiediReimpostazione, RISPOSTA_REIMPOSTAZIONE } from "./account";
import { invita } from "./inviti";
import { verificaCredenziali } from "./login";
import { hashPassword } from "./password";
import { MESSAGGI_PASSWORD } from "./password-policy";
import { apriSessione, validaSessione } from "./sessioni";
import { emettiToken } from "./tokens";

const NUOVA = "cavallo batteria graffetta";

async function conUtenti() {
  const db = memoryDb();
  const admin = Number(db.insert(users).values({ email: "admin@comune.example", nome: "Ada", passwordHash: await hashPassword("vecchia password lunga") }).run().lastInsertRowid);
  db.insert(roleMemberships).values({ userId: admin, ruolo: "amministratore" }).run();
  const invitato = Number(db.insert(users).values({ email: "nino.nuovo@comune.example", nome: "Nino", passwordHash: "" }).run().lastInsertRowid);
  db.insert(roleMemberships).values({ userId: invitato, ruolo: "lettore" }).run();
  const azioni = () => db.select({ azione: auditLog.azione }).from(auditLog).orderBy(auditLog.id).all().map((a) => a.azione);
  const tokenDaMail = (tipo: "invito" | "reimposta") => {
    const corpi = db.select({ corpo: mailOutbox.corpo }).from(mailOutbox).orderBy(mailOutbox.id).all();
    return new RegExp(`/${tipo}/([A-Za-z0-9_-]+)`).exec(corpi.at(-1)!.corpo)![1];
  };
  return { db, admin, invitato, azioni, tokenDaMail };
}

describe("accettare un invito", () => {
  it("mostra di chi è l'account, imposta la password una volta sola, e poi si accede", async () => {
    const { db, admin, invitato, azioni, tokenDaMail } = await conUtenti();
    invita(db, { userId: invitato, creatoDa: admin });
    const token = tokenDaMail("invito");
    expect(leggiLink(db, token, "invito")).toEqual({ ok: true, nome: "Nino", email: "nino.nuovo@comune.example" });
    // Before: no password works.
    expect((await verificaCredenziali(db, "nino.nuovo@comune.example", "", "1.1.1.1")).ok).toBe(false);

    expect(await accettaInvito(db, null, { token, password: NUOVA, conferma: NUOVA })).toEqual({ ok: true, email: "nino.nuovo@comune.example" });
    expect((await verificaCredenziali(db, "nino.nuovo@comune.example", NUOVA, "1.1.1.1")).ok).toBe(true);
    expect(azioni()).toContain("invito.accetta");

    const ancora = await accettaInvito(db, null, { token, password: "un'altra frase lunga", conferma: "un'altra frase lunga" });
    expect(ancora).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(leggiLink(db, token, "invito")).toMatchObject({ ok: false, tipo: "link_non_valido", messaggio: expect.stringContaining("già stato usato") });
  });

  it("un invito scaduto è rifiutato con un messaggio chiaro", async () => {
    const { db, admin, invitato, tokenDaMail } = await conUtenti();
    invita(db, { userId: invitato, creatoDa: admin, adesso: new Date(Date.now() - 73 * 3_600_000) });
    const token = tokenDaMail("invito");
    expect(leggiLink(db, token, "invito")).toMatchObject({ ok: false, messaggio: expect.stringContaining("scaduto") });
    expect(await accettaInvito(db, null, { token, password: NUOVA, conferma: NUOVA })).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(db.select({ h: users.passwordHash }).from(users).where(eq(users.id, invitato)).get()!.h).toBe("");
  });

  it("la politica vale anche qui, con l'email di chi è invitato; il link resta valido", async () => {
    const { db, admin, invitato, tokenDaMail } = await conUtenti();
    invita(db, { userId: invitato, creatoDa: admin });
    const token = tokenDaMail("invito");
    expect(await accettaInvito(db, null, { token, password: "nino.nuovo-2026", conferma: "nino.nuovo-2026" })).toMatchObject({
      ok: false,
      tipo: "non_valido",
      errori: [{ campo: "password", messaggio: MESSAGGI_PASSWORD.email }],
    });
    expect(await accettaInvito(db, null, { token, password: NUOVA, conferma: NUOVA + "x" })).toMatchObject({ errori: [{ campo: "conferma" }] });
    expect(leggiLink(db, token, "invito").ok).toBe(true);
  });

  it("un utente disattivato non può usare il suo invito", async () => {
    const { db, admin, invitato, tokenDaMail } = await conUtenti();
    invita(db, { userId: invitato, creatoDa: admin });
    db.update(users).set({ attivo: false }).where(eq(users.id, invitato)).run();
    expect(await accettaInvito(db, null, { token: tokenDaMail("invito"), password: NUOVA, conferma: NUOVA })).toMatchObject({ ok: false, tipo: "link_non_valido" });
  });
});

describe("password dimenticata", () => {
  it("stessa risposta per un indirizzo noto e uno sconosciuto; la mail parte solo per l'account attivo", async () => {
    const { db } = await conUtenti();
    const nota = await richiediReimpostazione(db, null, { email: " Admin@Comune.example ", ip: "1.1.1.1" }, { durataMinimaMs: 0 });
    const ignota = await richiediReimpostazione(db, null, { email: "nessuno@comune.example", ip: "1.1.1.1" }, { durataMinimaMs: 0 });
    expect(nota).toEqual({ ok: true, messaggio: RISPOSTA_REIMPOSTAZIONE, inviata: true });
    expect(ignota).toEqual({ ok: true, messaggio: RISPOSTA_REIMPOSTAZIONE, inviata: false });
    const posta = db.select().from(mailOutbox).all();
    expect(posta.map((m) => m.destinatario)).toEqual(["admin@comune.example"]);
    expect(posta[0].oggetto).toBe("[Bilancio Sociale] Reimposta la password");
    expect(posta[0].corpo).toMatch(/http:\/\/localhost:\d+\/reimposta\/[A-Za-z0-9_-]{43}\n/);
    expect(db.select({ attore: auditLog.attore, ip: auditLog.ip }).from(auditLog).all()).toEqual([
      { attore: "admin@comune.example", ip: "1.1.1.1" },
      { attore: "nessuno@comune.example", ip: "1.1.1.1" },
    ]);
  });

  it("impiega almeno la durata minima, qualunque sia l'indirizzo", async () => {
    const { db } = await conUtenti();
    for (const email of ["admin@comune.example", "nessuno@comune.example"]) {
      const t = Date.now();
      await richiediReimpostazione(db, null, { email, ip: "1.1.1.1" }, { durataMinimaMs: 150 });
      expect(Date.now() - t).toBeGreaterThanOrEqual(145);
    }
  });

  it(`non più di ${MAX_RICHIESTE_PER_EMAIL} mail per indirizzo e ${MAX_RICHIESTE_PER_INDIRIZZO} richieste per client all'ora`, async () => {
    const { db } = await conUtenti();
    const esiti = [];
    for (let i = 0; i < MAX_RICHIESTE_PER_EMAIL + 2; i++) esiti.push((await richiediReimpostazione(db, null, { email: "admin@comune.example", ip: `2.2.2.${i}` }, { durataMinimaMs: 0 })).inviata);
    expect(esiti).toEqual([...Array(MAX_RICHIESTE_PER_EMAIL).fill(true), false, false]);
    expect(db.select().from(mailOutbox).all()).toHaveLength(MAX_RICHIESTE_PER_EMAIL);
    // An hour later the address may ask again.
    expect((await richiediReimpostazione(db, null, { email: "admin@comune.example", ip: "2.2.2.9" }, { durataMinimaMs: 0, adesso: new Date(Date.now() + 61 * 60_000) })).inviata).toBe(true);

    for (let i = 0; i < MAX_RICHIESTE_PER_INDIRIZZO; i++) await richiediReimpostazione(db, null, { email: `x${i}@comune.example`, ip: "3.3.3.3" }, { durataMinimaMs: 0 });
    const prima = db.select().from(auditLog).all().length;
    const r = await richiediReimpostazione(db, null, { email: "nino.nuovo@comune.example", ip: "3.3.3.3" }, { durataMinimaMs: 0 });
    expect(r).toEqual({ ok: true, messaggio: RISPOSTA_REIMPOSTAZIONE, inviata: false });
    expect(db.select().from(auditLog).all()).toHaveLength(prima);
    // An unknown client address is not one shared bucket.
    for (let i = 0; i < MAX_RICHIESTE_PER_INDIRIZZO + 1; i++) await richiediReimpostazione(db, null, { email: `y${i}@comune.example`, ip: "sconosciuto" }, { durataMinimaMs: 0 });
    expect((await richiediReimpostazione(db, null, { email: "nino.nuovo@comune.example", ip: "sconosciuto" }, { durataMinimaMs: 0 })).inviata).toBe(true);
  });

  it("un account disattivato non riceve nulla", async () => {
    const { db, admin } = await conUtenti();
    db.update(users).set({ attivo: false }).where(eq(users.id, admin)).run();
    expect((await richiediReimpostazione(db, null, { email: "admin@comune.example", ip: "1.1.1.1" }, { durataMinimaMs: 0 })).inviata).toBe(false);
    expect(db.select().from(mailOutbox).all()).toEqual([]);
  });

  it("il link imposta la nuova password, una volta, e chiude tutte le sessioni dell'utente", async () => {
    const { db, admin, azioni, tokenDaMail } = await conUtenti();
    const s1 = apriSessione(db, admin);
    const s2 = apriSessione(db, admin);
    await richiediReimpostazione(db, null, { email: "admin@comune.example", ip: "1.1.1.1" }, { durataMinimaMs: 0 });
    const token = tokenDaMail("reimposta");
    expect(leggiLink(db, token, "reimposta")).toMatchObject({ ok: true, email: "admin@comune.example" });
    // An invitation token is not a reset token.
    expect(await accettaInvito(db, null, { token, password: NUOVA, conferma: NUOVA })).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(await reimpostaPassword(db, null, { token, password: "password1234", conferma: "password1234" })).toMatchObject({ errori: [{ campo: "password", messaggio: MESSAGGI_PASSWORD.comune }] });
    expect(await reimpostaPassword(db, null, { token, password: NUOVA, conferma: NUOVA })).toEqual({ ok: true, email: "admin@comune.example" });
    expect(validaSessione(db, s1)).toEqual({ ok: false, motivo: "revocata" });
    expect(validaSessione(db, s2)).toEqual({ ok: false, motivo: "revocata" });
    expect((await verificaCredenziali(db, "admin@comune.example", NUOVA, "1.1.1.1")).ok).toBe(true);
    expect((await verificaCredenziali(db, "admin@comune.example", "vecchia password lunga", "1.1.1.1")).ok).toBe(false);
    expect(azioni()).toEqual(expect.arrayContaining(["password.reimposta_richiesta", "password.reimposta", "sessione.revoca"]));
    expect(await reimpostaPassword(db, null, { token, password: "ancora un'altra frase", conferma: "ancora un'altra frase" })).toMatchObject({ ok: false, tipo: "link_non_valido" });
  });

  it("impostare la password annulla gli altri link in sospeso", async () => {
    const { db, admin } = await conUtenti();
    const invito = emettiToken(db, { userId: admin, tipo: "invito", creatoDa: null }).token;
    const reset = emettiToken(db, { userId: admin, tipo: "reimposta", creatoDa: null }).token;
    expect((await reimpostaPassword(db, null, { token: reset, password: NUOVA, conferma: NUOVA })).ok).toBe(true);
    expect(leggiLink(db, invito, "invito").ok).toBe(false);
  });
});

describe("cambiare la propria password", () => {
  const chiDi = (id: number, email: string): Chi => ({ userId: id, email, attore: { userId: id, ruoli: [{ ruolo: "amministratore", settoreId: null }] } });

  it("con la password attuale; chiude le altre sessioni, non quella corrente", async () => {
    const { db, admin, azioni } = await conUtenti();
    const corrente = apriSessione(db, admin);
    const altra = apriSessione(db, admin);
    const chi = chiDi(admin, "admin@comune.example");
    expect(await cambiaPassword(db, chi, { attuale: "sbagliata", password: NUOVA, conferma: NUOVA, sessione: corrente, ip: "1.1.1.1" })).toMatchObject({
      ok: false,
      errori: [{ campo: "attuale", messaggio: "La password attuale non è corretta." }],
    });
    expect(await cambiaPassword(db, chi, { attuale: "vecchia password lunga", password: "vecchia password lunga", conferma: "vecchia password lunga", sessione: corrente, ip: "1.1.1.1" })).toMatchObject({
      errori: [{ campo: "password" }],
    });
    expect(await cambiaPassword(db, chi, { attuale: "vecchia password lunga", password: NUOVA, conferma: NUOVA, sessione: corrente, ip: "1.1.1.1" })).toEqual({ ok: true });
    expect(azioni().slice(-2)).toEqual(["password.cambia", "sessione.revoca"]);
    expect(validaSessione(db, corrente).ok).toBe(true);
    expect(validaSessione(db, altra)).toEqual({ ok: false, motivo: "revocata" });
    expect((await verificaCredenziali(db, "admin@comune.example", NUOVA, "1.1.1.1")).ok).toBe(true);
    expect(db.select().from(sessioni).all()).toHaveLength(2);
  });

  it("dopo troppi tentativi sbagliati si ferma, come l'accesso", async () => {
    const { db, admin } = await conUtenti();
    const chi = chiDi(admin, "admin@comune.example");
    for (let i = 0; i < 5; i++) await cambiaPassword(db, chi, { attuale: `sbagliata ${i}`, password: NUOVA, conferma: NUOVA, sessione: null, ip: "1.1.1.1" });
    expect(await cambiaPassword(db, chi, { attuale: "vecchia password lunga", password: NUOVA, conferma: NUOVA, sessione: null, ip: "1.1.1.1" })).toMatchObject({
      ok: false,
      errori: [{ campo: "attuale", messaggio: expect.stringContaining("Troppi tentativi") }],
    });
  });
});
