/**
 * Separation of duties in the amministrazione (issue 20): nobody changes their own roles,
 * name or email there; the Assessore holds no amministratore or coordinatore role; the
 * history of roles says who granted and who removed what; sensitive roles are told to the
 * other amministratori and to the person; a changed email is told to the old address.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, mailOutbox, notifications, roleMemberships, sessioni, storicoRuoli, userTokens, users } from "../../db/schema";
import { prepara } from "./prove";
import { storicoRuoliDi } from "./ruoli-concessi";
import { aggiungiRuolo, creaUtente, MESSAGGIO_PROPRI_DATI, MESSAGGIO_PROPRI_RUOLI, modificaUtente, rimuoviRuolo } from "./utenti";

type Db = ReturnType<typeof prepara>["db"];
const ruoli = (db: Db, userId: number) => db.select({ id: roleMemberships.id, ruolo: roleMemberships.ruolo }).from(roleMemberships).where(eq(roleMemberships.userId, userId)).all();
const posta = (db: Db) => db.select({ a: mailOutbox.destinatario, oggetto: mailOutbox.oggetto, corpo: mailOutbox.corpo }).from(mailOutbox).all();
const conta = (db: Db) => [roleMemberships, storicoRuoli, auditLog, mailOutbox, notifications, users].map((t) => db.select().from(t).all().length);

describe("nessuno cambia i propri ruoli, né il proprio nome o email, dall'amministrazione", () => {
  it("l'amministratore non si aggiunge coordinatore, assessore o referente: rifiutato al campo, e nulla cambia", () => {
    const { db, admin, cultura } = prepara();
    const prima = conta(db);
    for (const [ruolo, settoreId] of [["coordinatore", null], ["assessore", null], ["referente", cultura], ["lettore", null]] as const) {
      expect(aggiungiRuolo(db, admin, { userId: admin.userId, ruolo, settoreId })).toEqual({
        ok: false,
        tipo: "non_valido",
        messaggio: MESSAGGIO_PROPRI_RUOLI,
        errori: [{ campo: "ruolo", messaggio: MESSAGGIO_PROPRI_RUOLI }],
      });
    }
    expect(ruoli(db, admin.userId).map((r) => r.ruolo)).toEqual(["amministratore"]);
    expect(conta(db)).toEqual(prima);
  });

  it("né si toglie un ruolo", () => {
    const { db, admin } = prepara();
    aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" });
    const prima = conta(db);
    expect(rimuoviRuolo(db, admin, { membershipId: ruoli(db, admin.userId)[0].id })).toEqual({ ok: false, tipo: "negato", messaggio: MESSAGGIO_PROPRI_RUOLI });
    expect(conta(db)).toEqual(prima);
  });

  it("né cambia il proprio nome o la propria email (per prendere il nome dell'Assessore, o il suo indirizzo)", () => {
    const { db, admin } = prepara();
    const prima = conta(db);
    expect(modificaUtente(db, admin, { userId: admin.userId, nome: "Rosita Viola", email: "admin@x.it" })).toEqual({ ok: false, tipo: "negato", messaggio: MESSAGGIO_PROPRI_DATI });
    expect(modificaUtente(db, admin, { userId: admin.userId, nome: "Paolo Ferrari", email: "nuovo@x.it" })).toEqual({ ok: false, tipo: "negato", messaggio: MESSAGGIO_PROPRI_DATI });
    expect(db.select({ nome: users.nome, email: users.email }).from(users).where(eq(users.id, admin.userId)).get()).toEqual({ nome: "Paolo Ferrari", email: "admin@x.it" });
    expect(conta(db)).toEqual(prima);
  });
});

describe("ruoli incompatibili", () => {
  it("l'Assessore non è anche amministratore o coordinatore, in nessun ordine; il messaggio è al campo del ruolo", () => {
    const { db, admin } = prepara();
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "assessore" })).toMatchObject({
      ok: false,
      errori: [{ campo: "ruolo", messaggio: expect.stringMatching(/«Assessore» non si può unire a «Coordinatore»/) }],
    });
    expect(aggiungiRuolo(db, admin, { userId: 4, ruolo: "assessore" })).toMatchObject({ ok: true });
    for (const ruolo of ["amministratore", "coordinatore"] as const) {
      expect(aggiungiRuolo(db, admin, { userId: 4, ruolo })).toMatchObject({ ok: false, errori: [{ campo: "ruolo", messaggio: expect.stringContaining("«Assessore»") }] });
    }
    // Lettore and referente go with anything.
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "lettore" })).toMatchObject({ ok: true });
    expect(ruoli(db, 2).map((r) => r.ruolo).sort()).toEqual(["coordinatore", "lettore"]);
    expect(ruoli(db, 4).map((r) => r.ruolo).sort()).toEqual(["assessore", "lettore"]);
  });
});

describe("lo storico dei ruoli e gli avvisi", () => {
  it("dice chi ha concesso e chi ha tolto ogni ruolo, e quando", () => {
    const { db, admin } = prepara();
    aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" });
    const secondo = { userId: 4, email: "lettore@x.it", attore: { userId: 4, ruoli: [{ ruolo: "amministratore" as const, settoreId: null }] } };
    const m = ruoli(db, 2)[0];
    expect(rimuoviRuolo(db, secondo, { membershipId: m.id })).toEqual({ ok: true });
    expect(storicoRuoliDi(db, 2)).toMatchObject([
      { evento: "revocato", ruolo: "coordinatore", attore: "Francesca Ponzoni" },
      { evento: "concesso", ruolo: "coordinatore", attore: "Paolo Ferrari" },
    ]);
    expect(storicoRuoliDi(db, 4)[0]).toMatchObject({ evento: "concesso", ruolo: "amministratore", attore: "Paolo Ferrari", at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    // The removal names the grant it ends.
    const [revoca, concessione] = ["revocato", "concesso"].map((e) => db.select().from(storicoRuoli).where(eq(storicoRuoli.evento, e as "concesso")).all().find((r) => r.userId === 2)!);
    expect(revoca).toMatchObject({ attoreId: 4, membershipId: m.id, concessioneId: concessione.id });
  });

  it("assegnare o togliere Assessore, Coordinatore o Amministratore avvisa ogni altro amministratore e la persona; referente e lettore no", () => {
    const { db, admin, cultura } = prepara();
    aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" });
    db.delete(mailOutbox).run();
    const r = creaUtente(db, admin, { nome: "Marta Neri", email: "marta@x.it", ruolo: "assessore" });
    if (!r.ok) throw new Error(r.messaggio);
    expect(posta(db).map((m) => [m.a, m.oggetto])).toEqual([
      ["lettore@x.it", "[Bilancio Sociale] Ruolo «Assessore» assegnato a Marta Neri"],
      ["marta@x.it", "[Bilancio Sociale] Ti è stato assegnato il ruolo «Assessore»"],
      ["marta@x.it", "[Bilancio Sociale] Invito: scegli la tua password"],
    ]);
    expect(posta(db)[0].corpo).toMatch(/Paolo Ferrari \(admin@x\.it\) ha assegnato il ruolo «Assessore» a Marta Neri \(marta@x\.it\)/);
    expect(db.select().from(notifications).where(eq(notifications.userId, 4)).all().map((n) => n.testo)).toContain("Ruolo «Assessore» assegnato a Marta Neri");

    db.delete(mailOutbox).run();
    const m = ruoli(db, r.userId)[0];
    expect(rimuoviRuolo(db, admin, { membershipId: m.id })).toEqual({ ok: true });
    expect(posta(db).map((x) => [x.a, x.oggetto])).toEqual([
      ["lettore@x.it", "[Bilancio Sociale] Ruolo «Assessore» tolto a Marta Neri"],
      ["marta@x.it", "[Bilancio Sociale] Ti è stato tolto il ruolo «Assessore»"],
    ]);

    db.delete(mailOutbox).run();
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "referente", settoreId: cultura })).toMatchObject({ ok: true });
    expect(aggiungiRuolo(db, admin, { userId: 3, ruolo: "lettore" })).toMatchObject({ ok: true });
    expect(posta(db)).toEqual([]);
  });
});

describe("l'email di un'altra persona cambiata dall'amministratore", () => {
  it("avvisa il vecchio indirizzo (nuovo mascherato, chi avvisare), chiude le sue sessioni e annulla i suoi link", () => {
    const { db, admin, righeAudit } = prepara();
    aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" });
    db.delete(mailOutbox).run();
    db.insert(sessioni).values([{ id: "s1", userId: 2 }, { id: "s2", userId: 2 }, { id: "s3", userId: 3 }]).run();
    db.insert(userTokens).values({ userId: 2, tipo: "reimposta", tokenHash: "r".repeat(64), scadeIl: "2999-01-01T00:00:00.000Z", creatoDa: null }).run();

    expect(modificaUtente(db, admin, { userId: 2, nome: "Giulia Rossi", email: "giulia.nuova@posta.example" })).toEqual({ ok: true, campi: ["email"] });
    const avviso = posta(db);
    expect(avviso.map((m) => [m.a, m.oggetto])).toEqual([["coord@x.it", "[Bilancio Sociale] L'email del tuo account è stata cambiata"]]);
    expect(avviso[0].corpo).toContain("Paolo Ferrari (admin@x.it), amministratore, ha cambiato l'indirizzo email del tuo account");
    expect(avviso[0].corpo).toContain("g***@p***.example");
    expect(avviso[0].corpo).not.toContain("giulia.nuova");
    // Whom to warn: the other amministratori, not the one who did it.
    expect(avviso[0].corpo).toMatch(/Se non l'hai chiesto tu[\s\S]*- Francesca Ponzoni \(lettore@x\.it\)/);
    expect(avviso[0].corpo).not.toMatch(/- Paolo Ferrari/);

    expect(db.select().from(sessioni).all().filter((s) => s.revocataIl === null).map((s) => s.id)).toEqual(["s3"]);
    expect(db.select().from(userTokens).where(eq(userTokens.userId, 2)).all().every((t) => t.usatoIl !== null)).toBe(true);
    expect(righeAudit().map((a) => a.azione).slice(-2)).toEqual(["utente.modifica", "sessione.revoca"]);
    expect(righeAudit().at(-1)).toMatchObject({ dettagli: { sessioni: 2, motivo: "email cambiata" } });

    // Only the name: no notice, sessions untouched.
    db.insert(sessioni).values({ id: "s4", userId: 2 }).run();
    db.delete(mailOutbox).run();
    expect(modificaUtente(db, admin, { userId: 2, nome: "Giulia Rossi Bianchi", email: "giulia.nuova@posta.example" })).toEqual({ ok: true, campi: ["nome"] });
    expect(posta(db)).toEqual([]);
    expect(db.select().from(sessioni).where(eq(sessioni.id, "s4")).get()!.revocataIl).toBeNull();
  });
});
