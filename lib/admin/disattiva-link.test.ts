/** Deactivating a person voids their mailed links for good (issue 20): reactivation does not bring them back. */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, userTokens } from "../../db/schema";
import { accettaInvito, leggiLink, reimpostaPassword } from "../auth/account";
import { emettiToken } from "../auth/tokens";
import { prepara } from "./prove";
import { creaUtente, disattivaUtente, riattivaUtente } from "./utenti";

const PASSWORD = "una frase lunga e nuova";

describe("disattivare annulla i link", () => {
  it("disattiva e riattiva: il vecchio link per reimpostare la password e il vecchio invito sono rifiutati", async () => {
    const { db, admin } = prepara();
    // A reset link for someone with a password, an invitation for someone new.
    const { token: reimposta } = emettiToken(db, { userId: 3, tipo: "reimposta", creatoDa: null });
    const nuovo = creaUtente(db, admin, { nome: "Nuova Persona", email: "nuova@x.it" });
    if (!nuovo.ok) throw new Error("creazione");
    const invito = /\/invito\/([A-Za-z0-9_-]+)/.exec(db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "nuova@x.it")).get()!.corpo)![1];
    expect(leggiLink(db, reimposta, "reimposta").ok).toBe(true);
    expect(leggiLink(db, invito, "invito").ok).toBe(true);

    for (const userId of [3, nuovo.userId]) expect(disattivaUtente(db, admin, { userId })).toEqual({ ok: true });
    expect(db.select().from(userTokens).all().every((t) => t.usatoIl !== null)).toBe(true);
    for (const userId of [3, nuovo.userId]) expect(riattivaUtente(db, admin, { userId })).toEqual({ ok: true });

    expect(leggiLink(db, reimposta, "reimposta")).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(leggiLink(db, invito, "invito")).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(await reimpostaPassword(db, null, { token: reimposta, password: PASSWORD, conferma: PASSWORD })).toMatchObject({ ok: false, tipo: "link_non_valido" });
    expect(await accettaInvito(db, null, { token: invito, password: PASSWORD, conferma: PASSWORD })).toMatchObject({ ok: false, tipo: "link_non_valido" });
  });
});
