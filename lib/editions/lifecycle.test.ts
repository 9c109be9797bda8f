import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, blocks, editions, notifications, publications, roleMemberships, sections, signatures, storicoRuoli, users } from "../../db/schema";
import { aggiungiRuolo, rimuoviRuolo } from "../admin/utenti";
import { passiPossibili } from "../policy";
import { hashPassword } from "../auth/password";
import type { Chi } from "../servizio";
import { importaPacchetto } from "../edition-package/import";
import { sha256 } from "../sha256";
import { pubblicazione } from "../publication/queries";
import { avviaErrata, firma, inviaAllaFirma, istantanea, pubblica, rimandaAlCoordinamento, ritiraDallaFirma } from "./lifecycle";

const PASSWORD = "firma-di-prova-2016";
let hash = "";
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

function prepara() {
  const db = memoryDb();
  const r = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  if (!r.ok) throw new Error("import");
  db.insert(users).values([
    { id: 1, email: "coord@x.it", nome: "Giulia Rossi", passwordHash: hash },
    { id: 2, email: "assessore@x.it", nome: "Rosita Viola", passwordHash: hash },
    { id: 3, email: "admin@x.it", nome: "Paolo Ferrari", passwordHash: hash },
  ]).run();
  // Roles as the amministratore grants them (drizzle/0010 records who): the Assessore's by someone else.
  db.insert(roleMemberships).values({ userId: 3, ruolo: "amministratore" }).run();
  db.insert(roleMemberships).values([{ userId: 1, ruolo: "coordinatore", concessoDa: 3 }, { userId: 2, ruolo: "assessore", concessoDa: 3 }]).run();
  const coord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const ass: Chi = { userId: 2, email: "assessore@x.it", attore: { userId: 2, ruoli: [{ ruolo: "assessore", settoreId: null }] } };
  const ed = () => db.select().from(editions).where(eq(editions.id, r.editionId)).get()!;
  const approvaTutto = (editionId = r.editionId) => db.update(sections).set({ stato: "approvata" }).where(eq(sections.editionId, editionId)).run();
  return { db, coord, ass, ed, editionId: r.editionId, approvaTutto };
}

async function pubblicaDemo() {
  const x = prepara();
  x.approvaTutto();
  const inviata = inviaAllaFirma(x.db, x.coord, { editionId: x.editionId, version: x.ed().version });
  if (!inviata.ok) throw new Error(inviata.messaggio);
  const firmata = await firma(x.db, x.ass, { editionId: x.editionId, sha256Mostrato: inviata.sha256, password: PASSWORD });
  if (!firmata.ok) throw new Error(firmata.messaggio);
  const pubblicata = pubblica(x.db, x.coord, { editionId: x.editionId, version: x.ed().version });
  if (!pubblicata.ok) throw new Error(pubblicata.messaggio);
  return x;
}

describe("ciclo di vita dell'edizione", () => {
  it("l'invio alla firma richiede tutte le sezioni approvate e solo il coordinamento", () => {
    const { db, coord, ass, ed, editionId } = prepara();
    expect(inviaAllaFirma(db, ass, { editionId, version: ed().version })).toMatchObject({ ok: false, tipo: "negato" });
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    expect(r).toMatchObject({ ok: false, tipo: "sezioni_non_approvate" });
    expect(ed().stato).toBe("in_preparazione");
  });

  it("invia alla firma: congela il contenuto canonico e il suo SHA-256, avvisa l'Assessore", () => {
    const { db, coord, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const atteso = istantanea(db, ed());
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    expect(r).toMatchObject({ ok: true, sha256: atteso.sha256 });
    expect(ed()).toMatchObject({ stato: "in_firma", datiJson: atteso.testo, sha256: sha256(atteso.testo) });
    expect(JSON.parse(ed().datiJson!).edizione).toEqual({ slug: "2014-2016", titolo: ed().titolo, annoInizio: 2014, annoFine: 2016, revisione: 1 });
    expect(db.select().from(notifications).where(eq(notifications.userId, 2)).all()).toHaveLength(1);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "edizione.invia_firma")).get()?.userId).toBe(1);
    // A stale page (old version) cannot send it twice.
    expect(inviaAllaFirma(db, coord, { editionId, version: 1 })).toMatchObject({ ok: false });
  });

  it("una password errata non firma e resta nel registro", async () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error();
    const f = await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: "sbagliata" });
    expect(f).toMatchObject({ ok: false, tipo: "password_errata" });
    expect(ed().stato).toBe("in_firma");
    expect(db.select().from(signatures).all()).toHaveLength(0);
    expect(db.select().from(auditLog).where(eq(auditLog.azione, "edizione.firma_rifiutata")).all()).toHaveLength(1);
  });

  it("dopo 5 password errate la firma si blocca per la finestra, anche con la password giusta", async () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error();
    for (let i = 0; i < 5; i++) await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: "sbagliata" });
    const bloccata = await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: PASSWORD });
    expect(bloccata).toMatchObject({ ok: false, tipo: "password_errata", messaggio: expect.stringContaining("Troppi tentativi") });
    expect(ed().stato).toBe("in_firma");
  });

  it("la firma è rifiutata se il contenuto è cambiato dopo che è stato mostrato", async () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error();
    // A hash the Assessore was never shown (an old page) is refused…
    expect(await firma(db, ass, { editionId, sha256Mostrato: "0".repeat(64), password: PASSWORD })).toMatchObject({ ok: false, tipo: "contenuto_cambiato" });
    // …and so is a frozen hash the tables no longer produce (a direct write to a block).
    const b = db.select().from(blocks).limit(1).get()!;
    db.$client.prepare("UPDATE blocks SET payload = json_set(payload, '$.fonte', 'cambiata') WHERE id = ?").run(b.id);
    expect(await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: PASSWORD })).toMatchObject({ ok: false, tipo: "contenuto_cambiato" });
    expect(ed().stato).toBe("in_firma");
    expect(db.select().from(signatures).all()).toHaveLength(0);
  });

  it("l'Assessore rimanda con un motivo; il coordinamento può ritirare: si torna in preparazione", () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    inviaAllaFirma(db, coord, { editionId, version: ed().version });
    expect(rimandaAlCoordinamento(db, coord, { editionId, version: ed().version, motivo: "x" })).toMatchObject({ ok: false, tipo: "negato" });
    expect(rimandaAlCoordinamento(db, ass, { editionId, version: ed().version, motivo: "Manca il dato 2016 sui musei" })).toMatchObject({ ok: true });
    expect(ed()).toMatchObject({ stato: "in_preparazione", datiJson: null, sha256: null });
    const voce = db.select().from(auditLog).where(eq(auditLog.azione, "edizione.rimanda")).get()!;
    expect(voce.dettagli).toMatchObject({ motivo: "Manca il dato 2016 sui musei" });
    inviaAllaFirma(db, coord, { editionId, version: ed().version });
    expect(ritiraDallaFirma(db, coord, { editionId, version: ed().version, motivo: "Correzione" })).toMatchObject({ ok: true });
    expect(ed().stato).toBe("in_preparazione");
  });

  it("firma e pubblicazione: i byte pubblicati sono quelli firmati", async () => {
    const { db, ed, editionId } = await pubblicaDemo();
    expect(ed().stato).toBe("pubblicata");
    const firmaRow = db.select().from(signatures).get()!;
    const pub = db.select().from(publications).get()!;
    expect(pub).toMatchObject({ editionId, revisione: 1, sha256: firmaRow.sha256, signatureId: firmaRow.id });
    expect(sha256(pub.datiJson)).toBe(pub.sha256);
    const p = pubblicazione(db, "2014-2016")!;
    expect(p).toMatchObject({ revisione: 1, sha256: pub.sha256, firma: { nome: "Rosita Viola", sha256: pub.sha256 } });
    expect(p.datiJson).toBe(pub.datiJson);
    // Who signed is recorded as they were then: renaming the account later does not rewrite it.
    db.update(users).set({ nome: "Rosita Viola Bianchi" }).where(eq(users.id, 2)).run();
    expect(pubblicazione(db, "2014-2016")!.firma.nome).toBe("Rosita Viola");
  });

  it("nessuno pubblica senza firma, e solo il coordinamento", async () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    expect(pubblica(db, coord, { editionId, version: ed().version })).toMatchObject({ ok: false, tipo: "negato" });
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error();
    expect(pubblica(db, coord, { editionId, version: ed().version })).toMatchObject({ ok: false, tipo: "negato" });
    await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: PASSWORD });
    expect(pubblica(db, ass, { editionId, version: ed().version })).toMatchObject({ ok: false, tipo: "negato" });
  });

  it("errata: la correzione passa da revisione e firma e diventa la revisione 2; la 1 resta leggibile", async () => {
    const { db, coord, ass } = await pubblicaDemo();
    const e = avviaErrata(db, coord, { slug: "2014-2016", motivo: "Corretto il numero di visitatori dei musei" });
    if (!e.ok) throw new Error(e.messaggio);
    expect(e.revisione).toBe(2);
    expect(avviaErrata(db, coord, { slug: "2014-2016", motivo: "altra" })).toMatchObject({ ok: false, tipo: "negato" });
    // Every section starts approved: the coordinator reopens only what must change.
    const sez = db.select().from(sections).where(eq(sections.editionId, e.editionId)).all();
    expect(new Set(sez.map((s) => s.stato))).toEqual(new Set(["approvata"]));
    const popolazione = sez.find((s) => s.codice === "conosci-popolazione")!;
    const b = db.select().from(blocks).where(eq(blocks.sectionId, popolazione.id)).limit(1).get()!;
    db.update(blocks).set({ payload: { ...(b.payload as object), fonte: "Fonte corretta" } }).where(eq(blocks.id, b.id)).run();

    const errataEd = () => db.select().from(editions).where(eq(editions.id, e.editionId)).get()!;
    const r = inviaAllaFirma(db, coord, { editionId: e.editionId, version: errataEd().version });
    if (!r.ok) throw new Error(r.messaggio);
    expect(JSON.parse(errataEd().datiJson!).edizione).toMatchObject({ slug: "2014-2016", revisione: 2 });
    expect((await firma(db, ass, { editionId: e.editionId, sha256Mostrato: r.sha256, password: PASSWORD })).ok).toBe(true);
    expect(pubblica(db, coord, { editionId: e.editionId, version: errataEd().version })).toMatchObject({ ok: true, slug: "2014-2016", revisione: 2 });

    const ultima = pubblicazione(db, "2014-2016")!;
    const prima = pubblicazione(db, "2014-2016", 1)!;
    expect(ultima.revisione).toBe(2);
    expect(ultima.modifiche).toBe("Corretto il numero di visitatori dei musei");
    expect(ultima.revisioni.map((x) => x.revisione)).toEqual([1, 2]);
    expect(prima.sha256).not.toBe(ultima.sha256);
    expect(prima.datiJson).not.toContain("Fonte corretta");
    expect(ultima.datiJson).toContain("Fonte corretta");
  });
});

describe("nessuno firma al posto dell'Assessore", () => {
  const admin: Chi = { userId: 3, email: "admin@x.it", attore: { userId: 3, ruoli: [{ ruolo: "amministratore", settoreId: null }] } };

  it("la firma registra il firmatario com'era: nome, email, la concessione del ruolo e chi l'ha fatta; rinominare non cambia nulla", async () => {
    const { db } = await pubblicaDemo();
    const f = db.select().from(signatures).get()!;
    const concessione = db.select().from(storicoRuoli).where(eq(storicoRuoli.id, f.concessioneId!)).get()!;
    expect(f).toMatchObject({ userId: 2, firmatario: "Rosita Viola", firmatarioEmail: "assessore@x.it", concessoDa: 3, concessoDaNome: "Paolo Ferrari" });
    expect(concessione).toMatchObject({ evento: "concesso", userId: 2, ruolo: "assessore", attoreId: 3 });
    db.update(users).set({ nome: "Qualcun Altro", email: "altro@x.it" }).where(eq(users.id, 2)).run();
    db.update(users).set({ nome: "Amministratore Rinominato" }).where(eq(users.id, 3)).run();
    expect(db.select().from(signatures).get()).toEqual(f);
    expect(pubblicazione(db, "2014-2016")!.firma).toMatchObject({ nome: "Rosita Viola", concessoDa: "Paolo Ferrari", concessaIl: concessione.at });
  });

  it("l'invio alla firma registra chi invia; ritirare o rimandare lo cancella", () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    inviaAllaFirma(db, coord, { editionId, version: ed().version });
    expect(ed().inviataFirmaDa).toBe(1);
    rimandaAlCoordinamento(db, ass, { editionId, version: ed().version, motivo: "Da rivedere" });
    expect(ed().inviataFirmaDa).toBeNull();
    inviaAllaFirma(db, coord, { editionId, version: ed().version });
    ritiraDallaFirma(db, coord, { editionId, version: ed().version, motivo: "Correzione" });
    expect(ed().inviataFirmaDa).toBeNull();
  });

  it("chi ha inviato l'edizione alla firma non la firma, nemmeno se nel frattempo diventa Assessore", async () => {
    const { db, coord, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error(r.messaggio);
    // Another amministratore makes the coordinatore an Assessore: the roles are compatible only one at a time.
    expect(aggiungiRuolo(db, admin, { userId: 1, ruolo: "assessore" })).toMatchObject({ ok: false, errori: [{ campo: "ruolo", messaggio: expect.stringContaining("«Coordinatore»") }] });
    const m = db.select().from(roleMemberships).where(eq(roleMemberships.userId, 1)).get()!;
    expect(rimuoviRuolo(db, admin, { membershipId: m.id })).toEqual({ ok: true });
    expect(aggiungiRuolo(db, admin, { userId: 1, ruolo: "assessore" })).toMatchObject({ ok: true });
    const exCoord: Chi = { userId: 1, email: "coord@x.it", attore: { userId: 1, ruoli: [{ ruolo: "assessore", settoreId: null }] } };
    expect(passiPossibili(exCoord.attore, ed())).toEqual(["rimanda"]);
    const f = await firma(db, exCoord, { editionId, sha256Mostrato: r.sha256, password: PASSWORD });
    expect(f).toEqual({ ok: false, tipo: "negato", messaggio: "Hai inviato tu l'edizione alla firma: deve firmarla un'altra persona." });
    expect(db.select().from(signatures).all()).toEqual([]);
    expect(ed().stato).toBe("in_firma");
  });

  it("chi ha anche il ruolo di coordinatore o amministratore non firma", async () => {
    const { db, coord, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error(r.messaggio);
    for (const altro of ["coordinatore", "amministratore"] as const) {
      const doppio: Chi = { userId: 2, email: "assessore@x.it", attore: { userId: 2, ruoli: [{ ruolo: "assessore", settoreId: null }, { ruolo: altro, settoreId: null }] } };
      expect(await firma(db, doppio, { editionId, sha256Mostrato: r.sha256, password: PASSWORD })).toEqual({
        ok: false,
        tipo: "negato",
        messaggio: "Chi è anche amministratore o coordinatore non firma l'edizione.",
      });
    }
    expect(db.select().from(signatures).all()).toEqual([]);
  });

  it("un ruolo di Assessore che nessun altro ha concesso (come quello dato dal primo avvio) non firma", async () => {
    const { db, coord, ed, editionId, approvaTutto } = prepara();
    db.insert(users).values({ id: 4, email: "solo@x.it", nome: "Senza nomina", passwordHash: hash }).run();
    db.insert(roleMemberships).values({ userId: 4, ruolo: "assessore" }).run();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error(r.messaggio);
    const solo: Chi = { userId: 4, email: "solo@x.it", attore: { userId: 4, ruoli: [{ ruolo: "assessore", settoreId: null }] } };
    expect(await firma(db, solo, { editionId, sha256Mostrato: r.sha256, password: PASSWORD })).toMatchObject({
      ok: false,
      tipo: "negato",
      messaggio: expect.stringContaining("non risulta assegnato da un'altra persona"),
    });
    expect(db.select().from(signatures).all()).toEqual([]);
  });
});

describe("il database rifiuta ogni modifica di ciò che è pubblicato (SQL diretto)", () => {
  it("UPDATE e DELETE su ogni tipo di riga pubblicata sono rifiutati", async () => {
    const { db } = await pubblicaDemo();
    const tentativi: [string, RegExp][] = [
      ["UPDATE editions SET titolo = 'x'", /edizione pubblicata/],
      ["UPDATE editions SET stato = 'in_preparazione'", /edizione pubblicata/],
      ["DELETE FROM editions", /edizione pubblicata/],
      ["UPDATE parts SET titolo = 'x'", /edizione pubblicata/],
      ["DELETE FROM parts", /edizione pubblicata/],
      ["UPDATE areas SET titolo = 'x'", /edizione pubblicata/],
      ["DELETE FROM areas", /edizione pubblicata/],
      ["UPDATE ambiti SET obiettivo = 'x'", /edizione pubblicata/],
      ["DELETE FROM ambiti", /edizione pubblicata/],
      ["UPDATE ambito_settori SET posizione = 9", /edizione pubblicata/],
      ["DELETE FROM ambito_settori", /edizione pubblicata/],
      ["UPDATE sections SET stato = 'bozza'", /edizione pubblicata/],
      ["DELETE FROM sections", /edizione pubblicata/],
      ["UPDATE blocks SET payload = '{}'", /edizione pubblicata/],
      ["DELETE FROM blocks", /edizione pubblicata/],
      ["INSERT INTO blocks (section_id, tipo, payload, posizione) SELECT id, 'testo', '{}', 99 FROM sections LIMIT 1", /edizione pubblicata/],
      ["UPDATE revisions SET contenuto = '[]'", /edizione pubblicata/],
      ["DELETE FROM revisions", /edizione pubblicata/],
      ["UPDATE publications SET dati_json = '{}'", /sola aggiunta/],
      ["UPDATE publications SET sha256 = 'x'", /sola aggiunta/],
      ["DELETE FROM publications", /sola aggiunta/],
      ["UPDATE signatures SET sha256 = 'x'", /sola aggiunta/],
      ["DELETE FROM signatures", /sola aggiunta/],
      ["INSERT INTO publications (edition_id, revisione, dati_json, sha256, signature_id) SELECT edition_id, 2, '{}', 'altro', id FROM signatures LIMIT 1", /non è quello firmato/],
      ["INSERT INTO signatures (edition_id, revisione, user_id, sha256) SELECT id, 1, 1, 'altro' FROM editions LIMIT 1", /non è quello del contenuto congelato/],
    ];
    const prima = db.$client.prepare("SELECT dati_json FROM publications").get();
    for (const [sql, errore] of tentativi) expect(() => db.$client.exec(sql), sql).toThrow(errore);
    expect(db.$client.prepare("SELECT dati_json FROM publications").get()).toEqual(prima);
  });

  it("un'edizione diventa pubblicata solo con firma e pubblicazione, e nasce in preparazione", () => {
    const { db, editionId } = prepara();
    expect(() => db.$client.exec(`UPDATE editions SET stato = 'pubblicata' WHERE id = ${editionId}`)).toThrow(/si pubblica solo/);
    expect(() => db.$client.exec("INSERT INTO editions (slug, titolo, anno_inizio, anno_fine, stato) VALUES ('x', 'X', 2020, 2021, 'pubblicata')")).toThrow(/nasce in preparazione/);
  });

  it("il contenuto firmato non si sostituisce prima della pubblicazione", async () => {
    const { db, coord, ass, ed, editionId, approvaTutto } = prepara();
    approvaTutto();
    const r = inviaAllaFirma(db, coord, { editionId, version: ed().version });
    if (!r.ok) throw new Error();
    await firma(db, ass, { editionId, sha256Mostrato: r.sha256, password: PASSWORD });
    expect(() => db.$client.exec("UPDATE editions SET dati_json = '{}', sha256 = 'x'")).toThrow(/contenuto firmato/);
  });
});
