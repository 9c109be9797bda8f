import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, mailOutbox, roleMemberships, userTokens, users } from "../../db/schema";
import { importaUtenti, MAX_RIGHE_IMPORT_UTENTI, type EsitoImportUtenti } from "./import-utenti";
import { prepara } from "./prove";
import type { Chi } from "../servizio";

const testo = (s: string) => new TextEncoder().encode(s);
type Db = ReturnType<typeof prepara>["db"];

function chiama(db: Db, chi: Chi, nomeFile: string, dati: Uint8Array, modalita: "anteprima" | "importa" = "anteprima", scarta = false): Promise<EsitoImportUtenti> {
  return importaUtenti(db, chi, { nomeFile, leggi: async () => dati, modalita, scartaRigheConErrori: scarta });
}

const CSV = [
  "Nome;Email;Ruolo;Codice settore",
  "Marta Neri;marta.neri@comune.it;referente;polizia-locale",
  "Marta Neri;MARTA.NERI@comune.it;Referente di settore;ambiente", // same person, second settore
  "Carlo Verdi;carlo.verdi@comune.it;coordinatore;",
  "Carlo Verdi;carlo.verdi@comune.it;lettore;",
  ";senza.nome@comune.it;lettore;", // 6: no name
  "Email Rotta;non-una-email;lettore;", // 7
  "Già Presente;coord@x.it;lettore;", // 8: existing user
  "Ruolo Strano;strano@comune.it;sindaco;", // 9
  "Senza Settore;senza.settore@comune.it;referente;", // 10
  "Settore Ignoto;ignoto@comune.it;referente;marte", // 11
  "Con Settore;con.settore@comune.it;assessore;cultura", // 12
  "Carlo Bianchi;carlo.verdi@comune.it;assessore;", // 13: same email, another name
  "Marta Neri;marta.neri@comune.it;referente;ambiente", // 14: role repeated
  "",
].join("\r\n");

describe("anteprima dell'importazione di utenti", () => {
  it("elenca ogni riga con errori con colonna e motivo, raggruppa le righe della stessa persona e non scrive nulla", async () => {
    const { db, admin } = prepara();
    const utentiPrima = db.select().from(users).all().length;
    const auditPrima = db.select().from(auditLog).all().length;
    const r = await chiama(db, admin, "persone.csv", testo(CSV));
    if (!r.ok || r.stato !== "anteprima") throw new Error(JSON.stringify(r));
    const a = r.anteprima;
    expect(a.erroriFile).toEqual([]);
    expect(a.righe).toBe(13);
    expect(a.utenti.map((u) => [u.email, u.nome, u.ruoli.map((x) => x.ruolo + (x.settore ? `:${x.settore}` : ""))])).toEqual([
      ["marta.neri@comune.it", "Marta Neri", ["referente:Polizia Locale", "referente:Settore Ambiente, Rifiuti e Protezione Civile"]],
      ["carlo.verdi@comune.it", "Carlo Verdi", ["coordinatore", "lettore"]],
    ]);
    expect(a.errori.map((e) => [e.riga, e.colonna])).toEqual([
      [6, "Nome"],
      [7, "Email"],
      [8, "Email"],
      [9, "Ruolo"],
      [10, "Codice settore"],
      [11, "Codice settore"],
      [12, "Codice settore"],
      [13, "Nome"],
      [13, "Ruolo"],
      [14, "Ruolo"],
    ]);
    expect(a.errori.find((e) => e.riga === 8)!.messaggio).toContain("Esiste già un utente");
    expect(a.errori.find((e) => e.riga === 9)!.messaggio).toContain("«sindaco» sconosciuto");
    expect(a.errori.find((e) => e.riga === 11)!.messaggio).toContain("«marte»");
    expect(a.errori.find((e) => e.riga === 13)!.messaggio).toContain("riga 4");
    // Coordinatore (row 4) and Assessore (row 13) for one person: never together.
    expect(a.errori.find((e) => e.riga === 13 && e.colonna === "Ruolo")!.messaggio).toMatch(/«Assessore» non si può unire a «Coordinatore».*\(riga 4\)/);
    expect(a.righeConErrori).toBe(9);
    expect(db.select().from(users).all()).toHaveLength(utentiPrima);
    expect(db.select().from(auditLog).all()).toHaveLength(auditPrima);
  });

  it("errori del file: intestazioni mancanti, formato sconosciuto, troppe righe", async () => {
    const { db, admin } = prepara();
    const senza = await chiama(db, admin, "a.csv", testo("nome;posta\nA;a@x.it\n"));
    expect(senza).toMatchObject({ ok: true, anteprima: { erroriFile: [expect.stringContaining("Mancano le colonne «email», «ruolo»")] } });
    expect(await chiama(db, admin, "a.pdf", testo("x"))).toMatchObject({ ok: false, tipo: "non_valido", errori: [{ campo: "file", messaggio: expect.stringContaining(".pdf") }] });
    const molte = ["nome,email,ruolo", ...Array.from({ length: MAX_RIGHE_IMPORT_UTENTI + 1 }, (_, i) => `P ${i},p${i}@x.it,lettore`)].join("\n");
    expect(await chiama(db, admin, "molte.csv", testo(molte))).toMatchObject({ ok: true, anteprima: { erroriFile: [expect.stringContaining("al massimo 500")] } });
    expect(await chiama(db, admin, "grande.csv", new Uint8Array(1024 * 1024 + 1))).toMatchObject({ ok: false, errori: [{ campo: "file" }] });
  });

  it("legge anche un file Excel (.xlsx)", async () => {
    const { db, admin } = prepara();
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Persone");
    ws.addRow(["Nome", "E-mail", "Ruolo", "Settore"]);
    ws.addRow(["Elena Galli", "elena.galli@comune.it", "Referente", "ict"]);
    const dati = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await chiama(db, admin, "persone.xlsx", dati);
    expect(r).toMatchObject({ ok: true, anteprima: { errori: [], utenti: [{ email: "elena.galli@comune.it", ruoli: [{ ruolo: "referente", settore: "Ufficio ICT e Agenda Digitale" }] }] } });
  });
});

describe("importazione di utenti", () => {
  it("con righe sbagliate non scrive nulla finché non si sceglie di scartarle; poi tutto in una volta, un invito ciascuno", async () => {
    const { db, admin } = prepara();
    const prima = db.select().from(users).all().length;
    const rifiutata = await chiama(db, admin, "persone.csv", testo(CSV), "importa", false);
    expect(rifiutata).toMatchObject({ ok: false, tipo: "non_importabile", messaggio: expect.stringContaining("9 righe con errori"), anteprima: { righeConErrori: 9 } });
    expect(db.select().from(users).all()).toHaveLength(prima);
    expect(db.select().from(mailOutbox).all()).toHaveLength(0);

    const r = await chiama(db, admin, "persone.csv", testo(CSV), "importa", true);
    expect(r).toEqual({ ok: true, stato: "importato", creati: 2, ruoli: 4 });
    const marta = db.select().from(users).where(eq(users.email, "marta.neri@comune.it")).get()!;
    expect(marta).toMatchObject({ nome: "Marta Neri", passwordHash: "", attivo: true });
    expect(db.select().from(roleMemberships).where(eq(roleMemberships.userId, marta.id)).all()).toHaveLength(2);
    // One invitation each; the coordinatore is also told of the role (the only amministratore imported it).
    expect(db.select().from(mailOutbox).all().map((m) => m.destinatario).sort()).toEqual(["carlo.verdi@comune.it", "carlo.verdi@comune.it", "marta.neri@comune.it"]);
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "carlo.verdi@comune.it")).all().map((m) => m.oggetto)).toContain("[Bilancio Sociale] Ti è stato assegnato il ruolo «Coordinatore»");
    expect(db.select().from(userTokens).all()).toHaveLength(2);
    const azioni = db.select().from(auditLog).all().map((a) => a.azione);
    expect(azioni.filter((a) => a === "utente.crea")).toHaveLength(2);
    expect(azioni.filter((a) => a === "utente.ruolo_aggiungi")).toHaveLength(4);
    expect(azioni.filter((a) => a === "utente.invito")).toHaveLength(2);
    expect(db.select().from(auditLog).all().find((a) => a.azione === "utente.importa")).toMatchObject({ userId: admin.userId, dettagli: { origine: "persone.csv", utenti: 2 } });

    // Imported again: everyone now exists, nothing new is written.
    const di_nuovo = await chiama(db, admin, "persone.csv", testo(CSV), "importa", true);
    expect(di_nuovo).toMatchObject({ ok: false, tipo: "non_importabile", messaggio: expect.stringContaining("nessuna persona") });
  });

  it("tutto o niente: se una scrittura fallisce a metà, nessuna persona, ruolo, invito o riga di registro resta", async () => {
    const { db, admin } = prepara();
    db.$client.exec("CREATE TRIGGER prova_rifiuta BEFORE INSERT ON users WHEN NEW.email = 'carlo.verdi@comune.it' BEGIN SELECT RAISE(ABORT, 'rifiutato'); END;");
    const conta = () => [users, roleMemberships, mailOutbox, userTokens, auditLog].map((t) => db.select().from(t).all().length);
    const prima = conta();
    await expect(chiama(db, admin, "persone.csv", testo(CSV), "importa", true)).rejects.toThrow("rifiutato");
    expect(conta()).toEqual(prima);
  });

  it("chi non è amministratore è respinto prima ancora che il file sia letto", async () => {
    const { db, nonAmministratori } = prepara();
    for (const chi of nonAmministratori) {
      let letto = false;
      const r = await importaUtenti(db, chi, { nomeFile: "p.csv", leggi: async () => ((letto = true), testo(CSV)), modalita: "importa", scartaRigheConErrori: true });
      expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "Solo l'amministratore gestisce utenti e settori." });
      expect(letto).toBe(false);
    }
    expect(db.select().from(users).all()).toHaveLength(4);
  });
});
