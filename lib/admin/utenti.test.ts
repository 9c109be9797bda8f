import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, roleMemberships, sessioni, userTokens, users } from "../../db/schema";
import { caricaUtente } from "../auth/actor";
import { hashToken } from "../auth/tokens";
import { elencoUtenti, schedaUtente } from "./queries";
import { prepara } from "./prove";
import {
  aggiungiRuolo,
  creaUtente,
  disattivaUtente,
  MESSAGGIO_EMAIL_USATA,
  MESSAGGIO_PROPRI_RUOLI,
  MESSAGGIO_ULTIMO_AMMINISTRATORE,
  modificaUtente,
  reinviaInvito,
  riattivaUtente,
  rimuoviRuolo,
  amministratoriAttivi,
} from "./utenti";

const ruoliDi = (db: ReturnType<typeof prepara>["db"], userId: number) =>
  db.select({ id: roleMemberships.id, ruolo: roleMemberships.ruolo, settoreId: roleMemberships.settoreId }).from(roleMemberships).where(eq(roleMemberships.userId, userId)).all();

describe("creare un utente", () => {
  it("senza password: l'invito parte subito, con il link assoluto, e il token è conservato solo come hash", () => {
    const { db, admin, settore, righeAudit } = prepara();
    const r = creaUtente(db, admin, { nome: "  Marta Neri ", email: " Marta.Neri@Comune.IT ", ruolo: "referente", settoreId: settore("polizia-locale") });
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const u = db.select().from(users).where(eq(users.id, r.userId)).get()!;
    expect(u).toMatchObject({ nome: "Marta Neri", email: "marta.neri@comune.it", passwordHash: "", attivo: true });
    expect(ruoliDi(db, r.userId)).toMatchObject([{ ruolo: "referente", settoreId: settore("polizia-locale") }]);

    const posta = db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "marta.neri@comune.it")).all();
    expect(posta).toHaveLength(1);
    const token = /\/invito\/([A-Za-z0-9_-]+)/.exec(posta[0].corpo)![1];
    expect(posta[0].corpo).toMatch(/https?:\/\/[^\s]+\/invito\//);
    const t = db.select().from(userTokens).where(eq(userTokens.userId, r.userId)).get()!;
    expect(t).toMatchObject({ tipo: "invito", tokenHash: hashToken(token), usatoIl: null, creatoDa: admin.userId });
    expect(JSON.stringify(db.select().from(userTokens).all())).not.toContain(token);

    expect(righeAudit().map((a) => a.azione).slice(-3)).toEqual(["utente.crea", "utente.ruolo_aggiungi", "utente.invito"]);
    expect(righeAudit().find((a) => a.azione === "utente.crea")).toMatchObject({ userId: admin.userId, attore: "admin@x.it", dettagli: { email: "marta.neri@comune.it", origine: "manuale", utenteId: r.userId } });
    expect(schedaUtente(db, r.userId)!.invito).toMatchObject({ stato: "in_attesa", scadeIl: t.scadeIl });
  });

  it("un'email già usata (anche con maiuscole diverse) è segnalata al campo, in italiano, e nulla è scritto", () => {
    const { db, admin, righeAudit } = prepara();
    const prima = righeAudit().length;
    expect(creaUtente(db, admin, { nome: "Doppio", email: "COORD@x.it" })).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "email", messaggio: MESSAGGIO_EMAIL_USATA }] });
    expect(creaUtente(db, admin, { nome: "", email: "non-una-email" })).toMatchObject({
      ok: false,
      tipo: "non_valido",
      errori: [
        { campo: "nome", messaggio: "Scrivi il nome e il cognome." },
        { campo: "email", messaggio: expect.stringContaining("Indirizzo email non valido") },
      ],
    });
    expect(righeAudit().length).toBe(prima);
    expect(db.select().from(mailOutbox).all()).toHaveLength(0);
  });

  it("un settore si indica solo per il referente, e per il referente è obbligatorio", () => {
    const { db, admin, cultura } = prepara();
    expect(creaUtente(db, admin, { nome: "A", email: "a@x.it", ruolo: "referente" })).toMatchObject({ ok: false, errori: [{ campo: "settoreId" }] });
    expect(creaUtente(db, admin, { nome: "A", email: "a@x.it", ruolo: "coordinatore", settoreId: cultura })).toMatchObject({ ok: false, errori: [{ campo: "settoreId" }] });
    expect(db.select().from(users).where(eq(users.email, "a@x.it")).get()).toBeUndefined();
  });
});

describe("modificare un utente", () => {
  it("cambia nome ed email, registra i campi cambiati; l'email resta unica", () => {
    const { db, admin, righeAudit } = prepara();
    expect(modificaUtente(db, admin, { userId: 3, nome: "Luca Bassi", email: "Luca.Bassi@x.it" })).toEqual({ ok: true, campi: ["email"] });
    expect(righeAudit().at(-1)).toMatchObject({ azione: "utente.modifica", dettagli: { campi: ["email"], utenteId: 3, email: "luca.bassi@x.it" } });
    const r = modificaUtente(db, admin, { userId: 3, nome: "Luca Bassi", email: "lettore@x.it" });
    expect(r).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "email", messaggio: MESSAGGIO_EMAIL_USATA }] });
    expect(db.select().from(users).where(eq(users.id, 3)).get()!.email).toBe("luca.bassi@x.it");
    expect(modificaUtente(db, admin, { userId: 999, nome: "X", email: "x@x.it" })).toMatchObject({ ok: false, tipo: "non_trovato" });
  });

  it("un'email corretta annulla i link già spediti; chi non ha ancora la password riceve un nuovo invito al nuovo indirizzo", () => {
    const { db, admin, righeAudit } = prepara();
    const r = creaUtente(db, admin, { nome: "Marta Neri", email: "marta.neir@comune.it", ruolo: "lettore" });
    if (!r.ok) throw new Error("utente non creato");
    const primo = db.select().from(userTokens).where(eq(userTokens.userId, r.userId)).get()!;

    expect(modificaUtente(db, admin, { userId: r.userId, nome: "Marta Neri", email: "marta.neri@comune.it" })).toEqual({ ok: true, campi: ["email"], invitoInviato: true });
    const link = db.select().from(userTokens).where(eq(userTokens.userId, r.userId)).all();
    expect(link.find((t) => t.id === primo.id)!.usatoIl).not.toBeNull();
    expect(link.filter((t) => t.usatoIl === null)).toHaveLength(1);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "marta.neri@comune.it")).all()).toHaveLength(1);
    expect(righeAudit().map((a) => a.azione).slice(-2)).toEqual(["utente.modifica", "utente.invito"]);

    // Only the name changed: the invitation sent stays valid, no mail.
    expect(modificaUtente(db, admin, { userId: r.userId, nome: "Marta Neri Bassi", email: "marta.neri@comune.it" })).toEqual({ ok: true, campi: ["nome"] });
    expect(db.select().from(userTokens).where(and(eq(userTokens.userId, r.userId))).all().filter((t) => t.usatoIl === null)).toHaveLength(1);

    // Someone with a password gets no invitation, but a reset link sent to the old address stops working.
    db.insert(userTokens).values({ userId: 3, tipo: "reimposta", tokenHash: "x".repeat(64), scadeIl: "2999-01-01T00:00:00.000Z", creatoDa: null }).run();
    expect(modificaUtente(db, admin, { userId: 3, nome: "Luca Bassi", email: "luca.bassi@x.it" })).toEqual({ ok: true, campi: ["email"] });
    expect(db.select().from(userTokens).where(eq(userTokens.userId, 3)).all().every((t) => t.usatoIl !== null)).toBe(true);
  });
});

describe("ruoli", () => {
  it("una persona può essere referente di due settori, o coordinatore e lettore insieme; lo stesso ruolo due volte no", () => {
    const { db, admin, cultura, settore, righeAudit } = prepara();
    expect(aggiungiRuolo(db, admin, { userId: 3, ruolo: "referente", settoreId: settore("istruzione") })).toMatchObject({ ok: true });
    expect(aggiungiRuolo(db, admin, { userId: 3, ruolo: "referente", settoreId: cultura })).toMatchObject({ ok: false, errori: [{ campo: "ruolo", messaggio: "È già referente di questo settore." }] });
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "lettore" })).toMatchObject({ ok: true });
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "coordinatore" })).toMatchObject({ ok: false, errori: [{ campo: "ruolo" }] });
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "referente" })).toMatchObject({ ok: false, errori: [{ campo: "settoreId" }] });
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "assessore", settoreId: cultura })).toMatchObject({ ok: false, errori: [{ campo: "settoreId" }] });
    expect(ruoliDi(db, 3).map((r) => r.settoreId).sort()).toEqual([cultura, settore("istruzione")].sort());
    expect(ruoliDi(db, 2).map((r) => r.ruolo)).toEqual(["coordinatore", "lettore"]);
    expect(righeAudit().filter((a) => a.azione === "utente.ruolo_aggiungi").map((a) => a.dettagli)).toEqual([
      { ruolo: "referente", settoreId: settore("istruzione"), utenteId: 3, email: "cultura@x.it" },
      { ruolo: "lettore", settoreId: null, utenteId: 2, email: "coord@x.it" },
    ]);
    // The database holds the same rules.
    expect(() => db.insert(roleMemberships).values({ userId: 2, ruolo: "referente", settoreId: null }).run()).toThrow();
    expect(() => db.insert(roleMemberships).values({ userId: 2, ruolo: "lettore", settoreId: cultura }).run()).toThrow();
  });

  it("un settore disattivato non riceve nuovi referenti", () => {
    const { db, admin, settore } = prepara();
    db.$client.prepare("UPDATE settori SET attivo = 0 WHERE codice = 'ict'").run();
    expect(aggiungiRuolo(db, admin, { userId: 2, ruolo: "referente", settoreId: settore("ict") })).toMatchObject({ ok: false, errori: [{ campo: "settoreId", messaggio: expect.stringContaining("disattivato") }] });
  });

  it("togliere un ruolo lo registra", () => {
    const { db, admin, righeAudit, cultura } = prepara();
    const m = ruoliDi(db, 3)[0];
    expect(rimuoviRuolo(db, admin, { membershipId: m.id })).toEqual({ ok: true });
    expect(ruoliDi(db, 3)).toEqual([]);
    expect(righeAudit().at(-1)).toMatchObject({ azione: "utente.ruolo_rimuovi", settoreId: cultura, dettagli: { ruolo: "referente", settoreId: cultura, utenteId: 3 } });
    expect(rimuoviRuolo(db, admin, { membershipId: m.id })).toMatchObject({ ok: false, tipo: "non_trovato" });
  });
});

describe("l'ultimo amministratore attivo", () => {
  it("non perde il ruolo e non si disattiva, nemmeno da solo", () => {
    const { db, admin } = prepara();
    const ruolo = ruoliDi(db, 1)[0];
    // Nobody takes away their own roles; and another amministratore, deactivated meanwhile (a page left open), cannot either.
    expect(rimuoviRuolo(db, admin, { membershipId: ruolo.id })).toEqual({ ok: false, tipo: "negato", messaggio: MESSAGGIO_PROPRI_RUOLI });
    expect(aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" })).toMatchObject({ ok: true });
    expect(disattivaUtente(db, admin, { userId: 4 })).toEqual({ ok: true });
    const altro = { userId: 4, email: "lettore@x.it", attore: { userId: 4, ruoli: [{ ruolo: "amministratore" as const, settoreId: null }] } };
    expect(rimuoviRuolo(db, altro, { membershipId: ruolo.id })).toEqual({ ok: false, tipo: "conflitto", corrente: null, messaggio: MESSAGGIO_ULTIMO_AMMINISTRATORE });
    expect(disattivaUtente(db, admin, { userId: 1 })).toEqual({ ok: false, tipo: "conflitto", corrente: null, messaggio: MESSAGGIO_ULTIMO_AMMINISTRATORE });
    expect(ruoliDi(db, 1)).toHaveLength(1);
    expect(db.select().from(users).where(eq(users.id, 1)).get()!.attivo).toBe(true);
  });

  it("un amministratore disattivato non conta; con un secondo attivo il primo può lasciare", () => {
    const { db, admin } = prepara();
    expect(aggiungiRuolo(db, admin, { userId: 4, ruolo: "amministratore" })).toMatchObject({ ok: true });
    expect(disattivaUtente(db, admin, { userId: 4 })).toEqual({ ok: true });
    expect(amministratoriAttivi(db)).toEqual([1]);
    expect(disattivaUtente(db, admin, { userId: 1 })).toMatchObject({ ok: false, tipo: "conflitto" });
    expect(riattivaUtente(db, admin, { userId: 4 })).toEqual({ ok: true });
    expect(disattivaUtente(db, admin, { userId: 1 })).toEqual({ ok: true });
    expect(amministratoriAttivi(db)).toEqual([4]);
  });
});

describe("disattivare e riattivare", () => {
  it("un utente disattivato non è più caricato dal livello di sessione e le sue sessioni sono chiuse; mai cancellato", () => {
    const { db, admin, righeAudit } = prepara();
    db.insert(sessioni).values({ id: "s1", userId: 3 }).run();
    expect(caricaUtente(db, 3)).not.toBeNull();
    expect(disattivaUtente(db, admin, { userId: 3 })).toEqual({ ok: true });
    expect(caricaUtente(db, 3)).toBeNull();
    expect(db.select().from(sessioni).where(eq(sessioni.id, "s1")).get()!.revocataIl).not.toBeNull();
    expect(righeAudit().slice(-2)).toMatchObject([
      { azione: "utente.disattiva", dettagli: { utenteId: 3, email: "cultura@x.it" } },
      { azione: "sessione.revoca", dettagli: { sessioni: 1, motivo: "utente disattivato" } },
    ]);
    expect(elencoUtenti(db).find((u) => u.id === 3)).toMatchObject({ attivo: false, ruoli: [{ ruolo: "referente" }] });
    expect(riattivaUtente(db, admin, { userId: 3 })).toEqual({ ok: true });
    expect(caricaUtente(db, 3)).not.toBeNull();
    expect(righeAudit().at(-1)).toMatchObject({ azione: "utente.riattiva" });
  });
});

describe("reinviare l'invito", () => {
  it("finché la password non è scelta: il nuovo link sostituisce il vecchio", () => {
    const { db, admin } = prepara();
    const r = creaUtente(db, admin, { nome: "Nuovo", email: "nuovo@x.it" });
    if (!r.ok) throw new Error("creazione");
    expect(reinviaInvito(db, admin, { userId: r.userId })).toMatchObject({ ok: true });
    const token = db.select().from(userTokens).where(and(eq(userTokens.userId, r.userId), eq(userTokens.tipo, "invito"))).orderBy(userTokens.id).all();
    expect(token).toHaveLength(2);
    expect(token[0].usatoIl).not.toBeNull();
    expect(token[1].usatoIl).toBeNull();
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "nuovo@x.it")).all()).toHaveLength(2);
    // Expired: the list says so.
    expect(schedaUtente(db, r.userId, new Date(Date.now() + 73 * 3600 * 1000))!.invito).toMatchObject({ stato: "scaduto" });
  });

  it("rifiutato a chi ha già una password o è disattivato", () => {
    const { db, admin } = prepara();
    expect(reinviaInvito(db, admin, { userId: 3 })).toMatchObject({ ok: false, tipo: "conflitto", messaggio: expect.stringContaining("Password dimenticata") });
    const r = creaUtente(db, admin, { nome: "Nuovo", email: "nuovo@x.it" });
    if (!r.ok) throw new Error("creazione");
    disattivaUtente(db, admin, { userId: r.userId });
    expect(reinviaInvito(db, admin, { userId: r.userId })).toMatchObject({ ok: false, tipo: "conflitto" });
  });
});

describe("permessi", () => {
  it("referente, coordinatore e lettore sono respinti da ogni servizio e nulla cambia", () => {
    const { db, nonAmministratori, righeAudit, cultura } = prepara();
    const prima = righeAudit().length;
    const membership = ruoliDi(db, 1)[0].id;
    for (const chi of nonAmministratori) {
      const risposte = [
        creaUtente(db, chi, { nome: "X", email: "x@x.it" }),
        modificaUtente(db, chi, { userId: 1, nome: "X", email: "x@x.it" }),
        disattivaUtente(db, chi, { userId: 1 }),
        riattivaUtente(db, chi, { userId: 1 }),
        aggiungiRuolo(db, chi, { userId: chi.userId, ruolo: "amministratore" }),
        aggiungiRuolo(db, chi, { userId: chi.userId, ruolo: "referente", settoreId: cultura }),
        rimuoviRuolo(db, chi, { membershipId: membership }),
        reinviaInvito(db, chi, { userId: 1 }),
      ];
      for (const r of risposte) expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "Solo l'amministratore gestisce utenti e settori." });
    }
    expect(righeAudit().length).toBe(prima);
    expect(db.select().from(users).all()).toHaveLength(4);
    expect(ruoliDi(db, 1)).toHaveLength(1);
  });
});
