import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, ente, mailOutbox, roleMemberships, users } from "../../db/schema";
import { accettaInvito } from "../auth/account";
import { verificaCredenziali } from "../auth/login";
import { configuraPrimoAvvio, databaseVuoto, MESSAGGIO_GIA_CONFIGURATO } from "./setup";

const DATI = { ente: "Comune di Prova", nome: "Anna Rossi", email: " Anna.Rossi@Comune.Example ", url: "https://bilancio.comune.example/" };

describe("primo avvio senza demo", () => {
  it("crea l'ente e l'amministratore senza password, e dà un link di invito monouso", async () => {
    const db = memoryDb();
    expect(databaseVuoto(db)).toBe(true);
    const r = configuraPrimoAvvio(db, DATI);
    if (!r.ok) throw new Error(r.messaggio);
    expect(r.indirizzo).toBe("https://bilancio.comune.example");
    expect(r.link).toMatch(/^https:\/\/bilancio\.comune\.example\/invito\/[A-Za-z0-9_-]{43}$/);
    expect(db.select().from(ente).all()).toEqual([{ id: 1, nome: "Comune di Prova", licenza: "CC-BY-4.0" }]);
    expect(db.select({ email: users.email, nome: users.nome, hash: users.passwordHash, attivo: users.attivo }).from(users).all()).toEqual([
      { email: "anna.rossi@comune.example", nome: "Anna Rossi", hash: "", attivo: true },
    ]);
    expect(db.select({ ruolo: roleMemberships.ruolo, settoreId: roleMemberships.settoreId }).from(roleMemberships).all()).toEqual([{ ruolo: "amministratore", settoreId: null }]);
    expect(db.select({ azione: auditLog.azione, dettagli: auditLog.dettagli }).from(auditLog).all()).toMatchObject([
      { azione: "ente.configura", dettagli: { nome: "Comune di Prova" } },
      { azione: "utente.crea", dettagli: { email: "anna.rossi@comune.example", origine: "configurazione" } },
      { azione: "utente.ruolo_aggiungi" },
      { azione: "utente.invito" },
    ]);
    // The same link is in the outbox, for the mail worker.
    expect(db.select().from(mailOutbox).get()!.corpo).toContain(r.link);
    // Nobody can sign in until the invitation is accepted.
    expect((await verificaCredenziali(db, "anna.rossi@comune.example", "", "1.1.1.1")).ok).toBe(false);
    const token = r.link.split("/").at(-1)!;
    expect((await accettaInvito(db, null, { token, password: "cavallo batteria graffetta", conferma: "cavallo batteria graffetta" })).ok).toBe(true);
    expect((await verificaCredenziali(db, "anna.rossi@comune.example", "cavallo batteria graffetta", "1.1.1.1")).ok).toBe(true);
  });

  it("si rifiuta se esiste già un utente", () => {
    const db = memoryDb();
    expect(configuraPrimoAvvio(db, DATI).ok).toBe(true);
    expect(databaseVuoto(db)).toBe(false);
    expect(configuraPrimoAvvio(db, { ...DATI, email: "altro@comune.example" })).toEqual({ ok: false, tipo: "negato", messaggio: MESSAGGIO_GIA_CONFIGURATO });
    expect(db.select().from(users).all()).toHaveLength(1);
  });

  it("controlla i dati, in italiano, campo per campo", () => {
    const db = memoryDb();
    const r = configuraPrimoAvvio(db, { ente: "", nome: "A", email: "non-una-email", url: "ftp://x" });
    expect(r.ok).toBe(false);
    if (r.ok || r.tipo !== "non_valido") throw new Error("atteso non_valido");
    expect(r.errori.map((e) => e.campo).sort()).toEqual(["email", "ente", "nome", "url"]);
    expect(db.select().from(users).all()).toEqual([]);
    expect(db.select().from(auditLog).all()).toEqual([]);
  });

  it("senza indirizzo usa quello configurato o quello locale", () => {
    const db = memoryDb();
    const r = configuraPrimoAvvio(db, { ...DATI, url: undefined });
    if (!r.ok) throw new Error(r.messaggio);
    expect(r.indirizzo).toBeNull();
    expect(r.link).toMatch(/^https?:\/\/[^/]+\/invito\//);
  });
});
