import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, loginAttempts, mailOutbox, sessioni, userTokens, users } from "../../db/schema";
import { prepara } from "../admin/prove";
import { cambiaPassword } from "./account";
import { mascheraEmail } from "./avviso-email";
import { confermaCambioEmail, leggiCambioEmail, richiediCambioEmail } from "./cambio-email";
import { hashPassword } from "./password";
import { hashToken } from "./tokens";

const PASSWORD = "una frase lunga per provare";
let hash = "";
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

function conPassword() {
  const x = prepara();
  x.db.update(users).set({ passwordHash: hash }).where(eq(users.id, 2)).run();
  x.db.insert(sessioni).values([{ id: "s1", userId: 2 }, { id: "s2", userId: 2 }]).run();
  const posta = () => x.db.select({ a: mailOutbox.destinatario, oggetto: mailOutbox.oggetto, corpo: mailOutbox.corpo }).from(mailOutbox).all();
  const email = () => x.db.select({ email: users.email }).from(users).where(eq(users.id, 2)).get()!.email;
  const link = () => /\/conferma-email\/([A-Za-z0-9_-]+)/.exec(posta().find((m) => m.oggetto.includes("Conferma il nuovo indirizzo"))!.corpo)![1];
  return { ...x, posta, email, link };
}

describe("mascheraEmail", () => {
  it("lascia riconoscere l'indirizzo senza scriverlo", () => {
    expect(mascheraEmail("giulia.nuova@posta.example")).toBe("g***@p***.example");
    expect(mascheraEmail("a@b")).toBe("a***@b***");
  });
});

describe("cambiare la propria email dal profilo", () => {
  it("con la password: un collegamento al nuovo indirizzo, un avviso al vecchio; finché non si conferma non cambia nulla", async () => {
    const { db, coord, posta, email, link } = conPassword();
    const r = await richiediCambioEmail(db, coord, { email: " Giulia.Nuova@Posta.example ", password: PASSWORD, ip: "10.0.0.1" });
    expect(r).toEqual({ ok: true, mascherata: "g***@p***.example" });
    expect(posta().map((m) => [m.a, m.oggetto])).toEqual([
      ["giulia.nuova@posta.example", "[Bilancio Sociale] Conferma il nuovo indirizzo email"],
      ["coord@x.it", "[Bilancio Sociale] Richiesta di cambiare l'email del tuo account"],
    ]);
    const avviso = posta()[1].corpo;
    expect(avviso).toContain("g***@p***.example");
    expect(avviso).not.toContain("giulia.nuova");
    expect(avviso).toMatch(/Se non l'hai chiesto tu[\s\S]*- Paolo Ferrari \(admin@x\.it\)/);
    // Only the hash of the link is kept; the address has not changed, the sessions are open.
    const token = link();
    expect(db.select().from(userTokens).where(eq(userTokens.userId, 2)).get()).toMatchObject({ tipo: "email", tokenHash: hashToken(token), nuovaEmail: "giulia.nuova@posta.example", usatoIl: null });
    expect(email()).toBe("coord@x.it");
    expect(db.select().from(sessioni).all().every((s) => s.revocataIl === null)).toBe(true);
    expect(leggiCambioEmail(db, token)).toEqual({ ok: true, nome: "Giulia Rossi", vecchia: "coord@x.it", nuova: "giulia.nuova@posta.example" });
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ azione: "utente.email_richiesta", userId: 2, dettagli: { nuova: "giulia.nuova@posta.example" } });
  });

  it("alla conferma l'indirizzo cambia, ogni sessione si chiude e ogni altro link muore; il link vale una volta", async () => {
    const { db, coord, email, link } = conPassword();
    db.insert(userTokens).values({ userId: 2, tipo: "reimposta", tokenHash: "r".repeat(64), scadeIl: "2999-01-01T00:00:00.000Z", creatoDa: null }).run();
    await richiediCambioEmail(db, coord, { email: "giulia.nuova@posta.example", password: PASSWORD, ip: "10.0.0.1" });
    const token = link();
    expect(confermaCambioEmail(db, null, { token })).toEqual({ ok: true, email: "giulia.nuova@posta.example" });
    expect(email()).toBe("giulia.nuova@posta.example");
    expect(db.select().from(sessioni).all().every((s) => s.revocataIl !== null)).toBe(true);
    expect(db.select().from(userTokens).where(eq(userTokens.userId, 2)).all().every((t) => t.usatoIl !== null)).toBe(true);
    expect(db.select().from(auditLog).all().slice(-2)).toMatchObject([
      { azione: "utente.email_conferma", dettagli: { da: "coord@x.it", a: "giulia.nuova@posta.example" } },
      { azione: "sessione.revoca", dettagli: { sessioni: 2, motivo: "email cambiata" } },
    ]);
    expect(confermaCambioEmail(db, null, { token })).toMatchObject({ ok: false, tipo: "link_non_valido", messaggio: expect.stringContaining("già stato usato") });
  });

  it("con la password sbagliata non parte nulla e il tentativo conta come all'accesso; l'indirizzo di un altro è rifiutato al campo", async () => {
    const { db, coord, posta } = conPassword();
    expect(await richiediCambioEmail(db, coord, { email: "nuova@x.it", password: "sbagliata davvero", ip: "10.0.0.1" })).toMatchObject({
      ok: false,
      errori: [{ campo: "password", messaggio: "La password non è corretta." }],
    });
    expect(db.select().from(loginAttempts).all()).toMatchObject([{ email: "coord@x.it", riuscito: false }]);
    expect(await richiediCambioEmail(db, coord, { email: "lettore@x.it", password: PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: false, errori: [{ campo: "email" }] });
    expect(await richiediCambioEmail(db, coord, { email: "coord@x.it", password: PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: false, errori: [{ campo: "email" }] });
    expect(await richiediCambioEmail(db, coord, { email: "non-una-email", password: PASSWORD, ip: "10.0.0.1" })).toMatchObject({ ok: false, errori: [{ campo: "email" }] });
    expect(posta()).toEqual([]);
  });

  it("cambiare la password annulla una richiesta in sospeso; un indirizzo preso nel frattempo non si conferma", async () => {
    const { db, coord, email, link } = conPassword();
    await richiediCambioEmail(db, coord, { email: "giulia.nuova@posta.example", password: PASSWORD, ip: "10.0.0.1" });
    const token = link();
    expect(await cambiaPassword(db, coord, { attuale: PASSWORD, password: "un'altra frase lunga e nuova", conferma: "un'altra frase lunga e nuova", sessione: "s1", ip: "10.0.0.1" })).toEqual({ ok: true });
    expect(confermaCambioEmail(db, null, { token })).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(email()).toBe("coord@x.it");

    const y = conPassword();
    await richiediCambioEmail(y.db, y.coord, { email: "giulia.nuova@posta.example", password: PASSWORD, ip: "10.0.0.1" });
    y.db.update(users).set({ email: "giulia.nuova@posta.example" }).where(eq(users.id, 4)).run();
    expect(confermaCambioEmail(y.db, null, { token: y.link() })).toMatchObject({ ok: false, tipo: "conflitto" });
    expect(y.email()).toBe("coord@x.it");
  });

  it("un link d'invito o di reimpostazione non conferma un indirizzo", async () => {
    const { db } = conPassword();
    db.insert(userTokens).values({ userId: 2, tipo: "reimposta", tokenHash: hashToken("abcdefghij"), scadeIl: "2999-01-01T00:00:00.000Z", creatoDa: null }).run();
    expect(confermaCambioEmail(db, null, { token: "abcdefghij" })).toMatchObject({ ok: false, tipo: "link_non_valido" });
  });
});
