import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, mailOutbox, userTokens, users } from "../../db/schema";
import { invita } from "./inviti";
import { consumaToken, emettiToken, hashToken, verificaToken } from "./tokens";

const T0 = new Date("2026-11-25T10:00:00.000Z");
const ore = (n: number) => new Date(T0.getTime() + n * 3_600_000);

function conUtenti() {
  const db = memoryDb();
  const admin = Number(db.insert(users).values({ email: "admin@comune.example", nome: "Ada Amministratrice", passwordHash: "x" }).run().lastInsertRowid);
  const nuovo = Number(db.insert(users).values({ email: "nuovo@comune.example", nome: "Nino Nuovo", passwordHash: "" }).run().lastInsertRowid);
  return { db, admin, nuovo };
}

describe("token monouso", () => {
  it("conserva solo lo SHA-256, mai il token", () => {
    const { db, nuovo, admin } = conUtenti();
    const { token, scadeIl } = emettiToken(db, { userId: nuovo, tipo: "invito", creatoDa: admin, adesso: T0 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(scadeIl).toBe(ore(72).toISOString());
    const righe = db.select().from(userTokens).all();
    expect(righe).toHaveLength(1);
    expect(righe[0].tokenHash).toBe(hashToken(token));
    expect(righe[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(righe)).not.toContain(token);
    expect(righe[0]).toMatchObject({ userId: nuovo, tipo: "invito", creatoDa: admin, usatoIl: null });
  });

  it("scade: l'invito dopo 72 ore, la reimpostazione dopo 2", () => {
    const { db, nuovo } = conUtenti();
    const invito = emettiToken(db, { userId: nuovo, tipo: "invito", creatoDa: null, adesso: T0 }).token;
    const reset = emettiToken(db, { userId: nuovo, tipo: "reimposta", creatoDa: null, adesso: T0 }).token;
    expect(verificaToken(db, invito, "invito", ore(71.9)).ok).toBe(true);
    expect(verificaToken(db, invito, "invito", ore(72))).toEqual({ ok: false, motivo: "scaduto" });
    expect(verificaToken(db, reset, "reimposta", ore(1.9)).ok).toBe(true);
    expect(verificaToken(db, reset, "reimposta", ore(2))).toEqual({ ok: false, motivo: "scaduto" });
  });

  it("vale una volta sola", () => {
    const { db, nuovo } = conUtenti();
    const { token } = emettiToken(db, { userId: nuovo, tipo: "reimposta", creatoDa: null, adesso: T0 });
    const v = verificaToken(db, token, "reimposta", T0);
    if (!v.ok) throw new Error("atteso valido");
    expect(consumaToken(db, v.riga.id, T0)).toBe(true);
    expect(consumaToken(db, v.riga.id, T0)).toBe(false);
    expect(verificaToken(db, token, "reimposta", T0)).toEqual({ ok: false, motivo: "già usato" });
  });

  it("un nuovo token dello stesso tipo annulla i precedenti non usati, non quelli dell'altro tipo", () => {
    const { db, nuovo } = conUtenti();
    const primo = emettiToken(db, { userId: nuovo, tipo: "invito", creatoDa: null, adesso: T0 }).token;
    const reset = emettiToken(db, { userId: nuovo, tipo: "reimposta", creatoDa: null, adesso: T0 }).token;
    const secondo = emettiToken(db, { userId: nuovo, tipo: "invito", creatoDa: null, adesso: ore(1) }).token;
    expect(verificaToken(db, primo, "invito", ore(1))).toEqual({ ok: false, motivo: "già usato" });
    expect(verificaToken(db, secondo, "invito", ore(1)).ok).toBe(true);
    expect(verificaToken(db, reset, "reimposta", ore(1)).ok).toBe(true);
  });

  it("rifiuta token sconosciuti, malformati o del tipo sbagliato", () => {
    const { db, nuovo } = conUtenti();
    const { token } = emettiToken(db, { userId: nuovo, tipo: "invito", creatoDa: null, adesso: T0 });
    expect(verificaToken(db, token, "reimposta", T0)).toEqual({ ok: false, motivo: "non valido" });
    expect(verificaToken(db, "A".repeat(43), "invito", T0)).toEqual({ ok: false, motivo: "non valido" });
    expect(verificaToken(db, "", "invito", T0)).toEqual({ ok: false, motivo: "non valido" });
    expect(verificaToken(db, "a/b", "invito", T0)).toEqual({ ok: false, motivo: "non valido" });
    expect(verificaToken(db, "x".repeat(500), "invito", T0)).toEqual({ ok: false, motivo: "non valido" });
  });
});

describe("invita", () => {
  it("mette in coda la mail con il link assoluto e registra l'invito", () => {
    const { db, nuovo, admin } = conUtenti();
    const prima = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://bilancio.comune.example";
    try {
      const { scadeIl } = invita(db, { userId: nuovo, creatoDa: admin, adesso: T0 });
      expect(scadeIl).toBe(ore(72).toISOString());
    } finally {
      if (prima === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = prima;
    }
    const [mail] = db.select().from(mailOutbox).all();
    expect(mail.destinatario).toBe("nuovo@comune.example");
    expect(mail.oggetto).toBe("[Bilancio Sociale] Invito: scegli la tua password");
    expect(mail.corpo).toContain("Gentile Nino Nuovo,");
    expect(mail.corpo).toContain("Ada Amministratrice ti ha invitato");
    expect(mail.corpo).toContain("scade il 28/11/2026 11:00");
    const token = /https:\/\/bilancio\.comune\.example\/invito\/([A-Za-z0-9_-]{43})\n/.exec(mail.corpo)?.[1];
    expect(token).toBeDefined();
    expect(verificaToken(db, token!, "invito", T0).ok).toBe(true);
    const audit = db.select().from(auditLog).all();
    expect(audit).toMatchObject([{ azione: "utente.invito", userId: admin, attore: "admin@comune.example", dettagli: { scadeIl: ore(72).toISOString(), utenteId: nuovo, email: "nuovo@comune.example" } }]);
  });

  it("inviare di nuovo sostituisce il link precedente", () => {
    const { db, nuovo, admin } = conUtenti();
    invita(db, { userId: nuovo, creatoDa: admin, adesso: T0 });
    invita(db, { userId: nuovo, creatoDa: admin, adesso: ore(1) });
    const [a, b] = db.select().from(mailOutbox).all().map((m) => /\/invito\/([A-Za-z0-9_-]+)/.exec(m.corpo)![1]);
    expect(verificaToken(db, a, "invito", ore(1))).toEqual({ ok: false, motivo: "già usato" });
    expect(verificaToken(db, b, "invito", ore(1)).ok).toBe(true);
    expect(db.select().from(userTokens).where(eq(userTokens.userId, nuovo)).all()).toHaveLength(2);
  });
});
