import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, mailOutbox, notifications, valutazioni, valutazioniPubblicate } from "../../db/schema";
import { edizionePubblicata } from "../publication/prova-pubblicata";
import { pubblicazione } from "../publication/queries";
import type { Chi } from "../servizio";
import { aggrega, aggregaPer, andamento, chiavePeriodo, etichettaPeriodo } from "./aggregazione";
import { csvValutazioni } from "./dati-aperti";
import { motivoValido } from "./domande";
import { hashIndirizzo, LIMITE_INVII, saleDelGiorno } from "./limite";
import { apriSigillo, CAMPO_TRAPPOLA, campiDaCorpo, creaGettone, leggiInvio, sigilla, TEMPO_MINIMO_MS, verificaGettone } from "./modulo";
import { ambitiMenoChiari, commentiAscolto, csvCommenti, leggiFiltriAscolto, riepilogoAscolto, voceCittadini } from "./queries";
import { cancellaEmailScadute, estrattoCommento, gestisciCommento, lavoroGiornalieroAscolto, LINK_NUOVI_COMMENTI, nascondiSpam, pubblicaValutazioni, registraValutazione, riepilogoGiornaliero } from "./service";

const SEGRETO = "segreto-di-prova-abbastanza-lungo";
const AMBITO = "po-e-territorio";
const PAGINA_AMBITO = `impegni/${AMBITO}`;
const T0 = new Date("2017-06-12T08:00:00.000Z");
const dopo = (d: Date, ms: number) => new Date(d.getTime() + ms);

function prepara() {
  const p = edizionePubblicata();
  /** The fields the widget posts, made `fattoMsPrima` before `adesso`. */
  const campi = (extra: Record<string, string> = {}, percorso = PAGINA_AMBITO, adesso = T0, fattoMsPrima = 10_000) => ({
    edizione: "2014-2016",
    revisione: "1",
    pagina: percorso,
    gettone: creaGettone(SEGRETO, { slug: "2014-2016", revisione: 1, percorso }, adesso.getTime() - fattoMsPrima),
    voto: "2",
    ...extra,
  });
  const invia = (c: Record<string, string>, o: { indirizzo?: string; adesso?: Date } = {}) =>
    registraValutazione(p.db, c, { indirizzo: o.indirizzo ?? "203.0.113.7", segreto: SEGRETO, adesso: o.adesso ?? T0 });
  const righe = () => p.db.select().from(valutazioni).all();
  return { ...p, campi, invia, righe };
}

const referente: Chi = { userId: 50, email: "ref@x.it", attore: { userId: 50, ruoli: [{ ruolo: "referente", settoreId: 1 }] } };

describe("aggregazione delle valutazioni", () => {
  it("conta, fa la media e la distribuzione da 1 a 5, ignorando voti fuori scala", () => {
    expect(aggrega([])).toEqual({ conteggio: 0, media: null, distribuzione: [0, 0, 0, 0, 0] });
    const a = aggrega([1, 2, 2, 5, 5, 5, 0, 6, 2.5]);
    expect(a.conteggio).toBe(6);
    expect(a.distribuzione).toEqual([1, 2, 0, 0, 3]);
    expect(a.media).toBeCloseTo(20 / 6);
  });

  it("per pagina e per ambito, saltando le righe senza chiave", () => {
    const m = aggregaPer(
      [
        { ambito: "a", voto: 1 },
        { ambito: null, voto: 5 },
        { ambito: "b", voto: 4 },
        { ambito: "a", voto: 3 },
      ],
      (r) => r.ambito,
      (r) => r.voto,
    );
    expect([...m.keys()]).toEqual(["a", "b"]);
    expect(m.get("a")).toEqual({ conteggio: 2, media: 2, distribuzione: [1, 0, 1, 0, 0] });
  });

  it("nel tempo conta i giorni italiani, per settimana dal lunedì o per mese, con i periodi vuoti in mezzo", () => {
    // 22:30 UTC of Sunday 7 May is already Monday 8 May in Rome.
    expect(chiavePeriodo("2017-05-07T22:30:00.000Z", "settimana")).toBe("2017-05-08");
    expect(chiavePeriodo("2017-05-07T21:30:00.000Z", "settimana")).toBe("2017-05-01");
    expect(chiavePeriodo("2017-05-31T22:30:00.000Z", "mese")).toBe("2017-06");
    expect(etichettaPeriodo("2017-05-08", "settimana")).toBe("settimana dal 08/05/2017");
    expect(etichettaPeriodo("2017-12", "mese")).toBe("dicembre 2017");
    const righe = [
      { voto: 4, createdAt: "2017-05-02T10:00:00.000Z" },
      { voto: 2, createdAt: "2017-05-03T10:00:00.000Z" },
      { voto: 5, createdAt: "2017-05-20T10:00:00.000Z" },
    ];
    const sett = andamento(righe, "settimana");
    expect(sett.map((p) => [p.chiave, p.conteggio, p.media])).toEqual([
      ["2017-05-01", 2, 3],
      ["2017-05-08", 0, null],
      ["2017-05-15", 1, 5],
    ]);
    expect(andamento([{ voto: 3, createdAt: "2017-11-10T10:00:00.000Z" }, { voto: 1, createdAt: "2018-01-10T10:00:00.000Z" }], "mese").map((p) => p.chiave)).toEqual(["2017-11", "2017-12", "2018-01"]);
    expect(andamento([], "mese")).toEqual([]);
  });
});

describe("il modulo: gettone firmato, tempo minimo, trappola, campi", () => {
  const pagina = { slug: "2014-2016", revisione: 1, percorso: "identita" };

  it("il gettone vale solo per la sua pagina, con il segreto dell'app, dopo il tempo minimo", () => {
    const g = creaGettone(SEGRETO, pagina, 1_000_000);
    expect(verificaGettone(SEGRETO, g, pagina, 1_000_000 + TEMPO_MINIMO_MS)).toEqual({ ok: true, etaMs: TEMPO_MINIMO_MS });
    expect(verificaGettone(SEGRETO, g, pagina, 1_000_000 + TEMPO_MINIMO_MS - 1)).toEqual({ ok: false, motivo: "presto" });
    // A clock set back: a time in the future is refused as too early.
    expect(verificaGettone(SEGRETO, g, pagina, 999_000)).toEqual({ ok: false, motivo: "presto" });
    expect(verificaGettone(SEGRETO, g, { ...pagina, percorso: "organizzazione" }, 2_000_000)).toEqual({ ok: false, motivo: "falso" });
    expect(verificaGettone(SEGRETO, g, { ...pagina, revisione: 2 }, 2_000_000)).toEqual({ ok: false, motivo: "falso" });
    expect(verificaGettone("un-altro-segreto", g, pagina, 2_000_000)).toEqual({ ok: false, motivo: "falso" });
    // An older time with the same signature: forged.
    expect(verificaGettone(SEGRETO, g.replace(/^\d+/, "1"), pagina, 2_000_000)).toEqual({ ok: false, motivo: "falso" });
    for (const falso of ["", "abc", "1.2", `${"9".repeat(20)}.${"a".repeat(43)}`]) expect(verificaGettone(SEGRETO, falso, pagina, 2_000_000).ok).toBe(false);
  });

  it("quello che il cittadino ha scritto torna sigillato: alterato, con un altro segreto o scaduto non si apre", () => {
    const s = sigilla(SEGRETO, { commento: "Grazie", email: "a@b.it" }, 0);
    expect(s).not.toContain("a@b.it");
    expect(apriSigillo(SEGRETO, s, 1000)).toEqual({ commento: "Grazie", email: "a@b.it" });
    expect(apriSigillo(SEGRETO, s, 2 * 60 * 60_000)).toBeNull();
    expect(apriSigillo("altro", s, 1000)).toBeNull();
    const alterato = `${s.slice(0, -2)}${s.endsWith("AA") ? "BB" : "AA"}`;
    expect(apriSigillo(SEGRETO, alterato, 1000)).toBeNull();
    expect(apriSigillo(SEGRETO, "non base64!", 1000)).toBeNull();
  });

  it("la risposta vale solo con le stelle a cui appartiene; l'email solo con la spunta; il commento si conta come nella pagina", () => {
    const base = { edizione: "2014-2016", revisione: "1", pagina: "", gettone: "x" };
    const l = (c: Record<string, string>) => leggiInvio({ ...base, ...c });
    expect(motivoValido(2, "testo-difficile")).toBe(true);
    expect(motivoValido(5, "testo-difficile")).toBe(false);
    const a = l({ voto: "5", motivo: "testo-difficile", email: "mario@esempio.it" });
    expect(a.ok && a.valutazione).toMatchObject({ voto: 5, motivo: null, email: null, commento: null, trappola: false });
    const b = l({ voto: "2", motivo: "numeri-poco-chiari", contatto: "si", email: " Mario@Esempio.it ", commento: "  riga\r\nriga  " });
    expect(b.ok && b.valutazione).toMatchObject({ voto: 2, motivo: "numeri-poco-chiari", email: "mario@esempio.it", commento: "riga\nriga" });
    // 1000 characters with browser CRLF line ends: 1000 as the textarea counts them.
    const lungo = `${"a".repeat(499)}\r\n${"b".repeat(500)}`;
    const c = l({ voto: "3", commento: lungo });
    expect(c.ok && c.valutazione.commento?.length).toBe(1000);
    const d = l({ voto: "3", commento: "a".repeat(1001) });
    expect(!d.ok && d.errori.map((e) => e.campo)).toEqual(["commento"]);
    const e = l({ voto: "3", contatto: "si", email: "non-una-email" });
    expect(!e.ok && e.errori.map((x) => x.campo)).toEqual(["email"]);
    const f = l({ voto: "3", contatto: "si" });
    expect(!f.ok && f.errori[0].messaggio).toMatch(/email/);
    const g = l({ voto: "7" });
    expect(!g.ok && g.errori.map((x) => [x.campo, x.messaggio])).toEqual([["voto", "Scegli quante stelle dare, da 1 a 5."]]);
    const h = l({ voto: "4", [CAMPO_TRAPPOLA]: "http://spam.example" });
    expect(h.ok && h.valutazione.trappola).toBe(true);
  });

  it("il corpo del modulo si legge senza prototipi e senza ripetizioni", () => {
    const c = campiDaCorpo("voto=2&voto=5&__proto__=x&commento=ciao+a+tutti");
    expect(c.voto).toBe("2");
    expect(c.commento).toBe("ciao a tutti");
    expect(Object.getPrototypeOf(c)).toBeNull();
  });
});

describe("registrare una valutazione", () => {
  it("salva voto, risposta, commento e l'ambito letto dall'indice pubblicato, non dal modulo", () => {
    const t = prepara();
    const r = t.invia(t.campi({ motivo: "testo-difficile", commento: "Non capisco i dati sul Po", ambito: "falso" }));
    expect(r).toMatchObject({ ok: true, registrata: true, slug: "2014-2016", percorso: PAGINA_AMBITO });
    const [v] = t.righe();
    expect(v).toMatchObject({ editionId: t.pubblicataId, revisione: 1, percorso: PAGINA_AMBITO, ambito: AMBITO, voto: 2, motivo: "testo-difficile", commento: "Non capisco i dati sul Po", email: null, stato: "nuovo" });
    expect(v.indirizzoHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v.indirizzoHash).not.toContain("203.0.113.7");
    // The cover, a part and an area are pages without an ambito.
    for (const percorso of ["", "identita", "impegni/area-4"]) {
      expect(t.invia(t.campi({ voto: "5" }, percorso)).ok).toBe(true);
    }
    expect(t.righe().slice(1).map((x) => [x.percorso, x.ambito])).toEqual([["", null], ["identita", null], ["impegni/area-4", null]]);
  });

  it("la trappola risponde grazie e non scrive nulla; un modulo troppo veloce o falso è rifiutato", () => {
    const t = prepara();
    expect(t.invia(t.campi({ [CAMPO_TRAPPOLA]: "http://x" }))).toMatchObject({ ok: true, registrata: false });
    expect(t.invia(t.campi({}, PAGINA_AMBITO, T0, 1_000))).toMatchObject({ ok: false, tipo: "troppo_presto" });
    expect(t.invia({ ...t.campi(), pagina: "identita" })).toMatchObject({ ok: false, tipo: "non_valido" });
    expect(t.righe()).toEqual([]);
  });

  it("rifiuta pagine ed edizioni che non esistono, e revisioni non pubblicate", () => {
    const t = prepara();
    expect(t.invia(t.campi({}, "impegni/non-esiste"))).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(t.invia(t.campi({}, "a/b/c"))).toMatchObject({ ok: false, tipo: "non_trovato" });
    const c = t.campi();
    const g = creaGettone(SEGRETO, { slug: "2017-2019", revisione: 1, percorso: PAGINA_AMBITO }, T0.getTime() - 10_000);
    expect(t.invia({ ...c, edizione: "2017-2019", gettone: g })).toMatchObject({ ok: false, tipo: "non_trovato" });
    const g2 = creaGettone(SEGRETO, { slug: "2014-2016", revisione: 2, percorso: PAGINA_AMBITO }, T0.getTime() - 10_000);
    expect(t.invia({ ...c, revisione: "2", gettone: g2 })).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(t.righe()).toEqual([]);
  });

  it(`limite per indirizzo: ${LIMITE_INVII.massimo} l'ora, poi rifiutato senza toccare gli altri indirizzi; il giorno dopo un sale nuovo`, () => {
    const t = prepara();
    const esiti = Array.from({ length: 50 }, (_, i) => t.invia(t.campi({ voto: String((i % 5) + 1) }), { adesso: dopo(T0, i * 1000) }));
    const accolti = esiti.filter((e) => e.ok).length;
    expect(accolti).toBe(LIMITE_INVII.massimo);
    expect(esiti.slice(0, LIMITE_INVII.massimo).every((e) => e.ok)).toBe(true);
    expect(esiti.slice(LIMITE_INVII.massimo).every((e) => !e.ok && e.tipo === "troppi_invii")).toBe(true);
    expect(t.righe()).toHaveLength(LIMITE_INVII.massimo);
    // Someone else, meanwhile, is not affected.
    expect(t.invia(t.campi(), { indirizzo: "198.51.100.1", adesso: dopo(T0, 60_000) }).ok).toBe(true);
    // An hour later the same address may rate again.
    expect(t.invia(t.campi(), { adesso: dopo(T0, LIMITE_INVII.finestraMs + 60_000) }).ok).toBe(true);
    // The next Italian day: a new salt, so the hashes no longer match.
    const domani = new Date("2017-06-13T08:00:00.000Z");
    expect(t.invia(t.campi({}, PAGINA_AMBITO, domani), { adesso: domani }).ok).toBe(true);
    const hash = t.righe().map((r) => r.indirizzoHash);
    expect(hash.at(-1)).not.toBe(hash[0]);
  });

  it("un commento avvisa il coordinamento con la campanella, una volta finché non lo legge; senza mail", () => {
    const t = prepara();
    t.invia(t.campi({ voto: "4" }));
    expect(t.db.select().from(notifications).all()).toEqual([]);
    t.invia(t.campi({ commento: "Primo" }));
    t.invia(t.campi({ commento: "Secondo" }));
    const n = t.db.select().from(notifications).all();
    expect(n.map((x) => [x.userId, x.link])).toEqual([[1, LINK_NUOVI_COMMENTI]]);
    expect(t.db.select().from(mailOutbox).all().filter((m) => m.oggetto.includes("cittadini"))).toEqual([]);
    t.db.update(notifications).set({ letta: true }).run();
    t.invia(t.campi({ commento: "Terzo" }));
    expect(t.db.select().from(notifications).all()).toHaveLength(2);
  });
});

describe("il coordinamento gestisce i commenti; le email di contatto non restano", () => {
  function conCommenti() {
    const t = prepara();
    t.invia(t.campi({ commento: "Vorrei sapere di più", contatto: "si", email: "mario@esempio.it" }));
    t.invia(t.campi({ voto: "1", commento: "COMPRA ORA", contatto: "si", email: "spam@esempio.it" }));
    t.invia(t.campi({ voto: "5", commento: "Chiarissimo" }));
    const [a, b, c] = t.righe();
    return { ...t, a, b, c };
  }

  it("gestito con una nota: l'email è cancellata nella stessa transazione, con la riga di registro", () => {
    const t = conCommenti();
    expect(t.a.email).toBe("mario@esempio.it");
    const r = gestisciCommento(t.db, t.coord, { id: t.a.id, nota: "  Risposto via email; nella prossima edizione una mappa.  " }, dopo(T0, 3600_000));
    expect(r).toEqual({ ok: true, id: t.a.id });
    const a = t.db.select().from(valutazioni).where(eq(valutazioni.id, t.a.id)).get()!;
    expect(a).toMatchObject({ stato: "gestito", email: null, nota: "Risposto via email; nella prossima edizione una mappa.", gestitoDa: 1, gestitoIl: "2017-06-12T09:00:00.000Z" });
    const audit = t.db.select().from(auditLog).where(eq(auditLog.azione, "ascolto.gestisci")).all();
    expect(audit.map((x) => [x.userId, x.editionId, x.dettagli])).toEqual([[1, t.pubblicataId, { valutazioneId: t.a.id, emailCancellata: true }]]);
  });

  it("la nota è obbligatoria e limitata; solo il coordinamento gestisce", () => {
    const t = conCommenti();
    const vuota = gestisciCommento(t.db, t.coord, { id: t.a.id, nota: "   " });
    expect(vuota.ok === false && vuota.tipo === "non_valido" && vuota.errori.map((e) => e.campo)).toEqual(["nota"]);
    const lunga = gestisciCommento(t.db, t.coord, { id: t.a.id, nota: "x".repeat(1001) });
    expect(lunga.ok).toBe(false);
    expect(gestisciCommento(t.db, referente, { id: t.a.id, nota: "ok" })).toMatchObject({ ok: false, tipo: "negato" });
    expect(nascondiSpam(t.db, referente, { id: t.b.id })).toMatchObject({ ok: false, tipo: "negato" });
    expect(pubblicaValutazioni(t.db, referente, { slug: "2014-2016" })).toMatchObject({ ok: false, tipo: "negato" });
    expect(gestisciCommento(t.db, t.coord, { id: 9999, nota: "ok" })).toMatchObject({ ok: false, tipo: "non_trovato" });
    expect(t.db.select().from(valutazioni).where(eq(valutazioni.id, t.a.id)).get()!.email).toBe("mario@esempio.it");
  });

  it("lo spam sparisce dai conteggi, dai dati aperti e perde l'email", () => {
    const t = conCommenti();
    expect(nascondiSpam(t.db, t.coord, { id: t.b.id }).ok).toBe(true);
    expect(t.db.select().from(valutazioni).where(eq(valutazioni.id, t.b.id)).get()).toMatchObject({ stato: "spam", email: null });
    const r = riepilogoAscolto(t.db, "2014-2016", { periodo: "settimana" })!;
    expect(r.totale.conteggio).toBe(2);
    expect(r.perAmbito.map((a) => [a.codice, a.conteggio, a.media])).toEqual([[AMBITO, 2, 3.5]]);
    const elenco = commentiAscolto(t.db, "2014-2016", leggiFiltriAscolto({}));
    expect(elenco.righe.map((x) => x.commento)).toEqual(["Chiarissimo", "Vorrei sapere di più"]);
    expect(commentiAscolto(t.db, "2014-2016", leggiFiltriAscolto({ stato: "spam" })).righe.map((x) => x.commento)).toEqual(["COMPRA ORA"]);
    expect(commentiAscolto(t.db, "2014-2016", leggiFiltriAscolto({ voto: "5" })).totale).toBe(1);
  });

  it("dopo il termine le email sono cancellate anche se nessuno ha gestito il commento", () => {
    const t = conCommenti();
    expect(cancellaEmailScadute(t.db, dopo(T0, 89 * 24 * 3600_000))).toBe(0);
    expect(cancellaEmailScadute(t.db, dopo(T0, 91 * 24 * 3600_000))).toBe(2);
    expect(t.righe().map((r) => r.email)).toEqual([null, null, null]);
    expect(t.righe().map((r) => r.commento)).toEqual(["Vorrei sapere di più", "COMPRA ORA", "Chiarissimo"]);
    const audit = t.db.select().from(auditLog).where(eq(auditLog.azione, "ascolto.conservazione")).all();
    expect(audit.map((a) => a.dettagli)).toEqual([{ email: 2, giorni: 90 }]);
  });

  it("le valutazioni pubblicate come dati aperti: per ambito, mai commenti né email", () => {
    const t = conCommenti();
    nascondiSpam(t.db, t.coord, { id: t.b.id });
    const r = pubblicaValutazioni(t.db, t.coord, { slug: "2014-2016" });
    expect(r).toMatchObject({ ok: true, valutazioni: 2 });
    const [p] = t.db.select().from(valutazioniPubblicate).all();
    expect(p.csv.startsWith("\uFEFFedizione,parte,area_numero,area,ambito_codice,ambito,valutazioni,media,voti_1")).toBe(true);
    expect(p.csv).toContain(`2014-2016,Dagli impegni ai risultati,4,Una città che si muove e si prende cura dell'ambiente,${AMBITO},Po e territorio,2,3.5,0,1,0,0,1\r\n`);
    for (const segreto of ["Vorrei", "COMPRA", "Chiarissimo", "@"]) expect(p.csv).not.toContain(segreto);
    // Every ambito of the edition has its row, rated or not.
    expect(p.csv.trim().split("\r\n")).toHaveLength(1 + 26);
    expect(t.db.select().from(auditLog).where(eq(auditLog.azione, "ascolto.pubblica")).all()).toHaveLength(1);
    // Without ratings every ambito is there with 0 and an empty average.
    const vuoto = csvValutazioni(pubblicazione(t.db, "2014-2016")!.dati, []);
    expect(vuoto).toContain(`,${AMBITO},Po e territorio,0,,0,0,0,0,0\r\n`);
  });

  it("l'esportazione dei commenti per il coordinamento non contiene le email e disinnesca le formule", () => {
    const t = prepara();
    t.invia(t.campi({ commento: "=HYPERLINK(\"http://x\")", contatto: "si", email: "mario@esempio.it" }));
    const csv = csvCommenti(t.db, "2014-2016", leggiFiltriAscolto({}));
    expect(csv).not.toContain("mario@esempio.it");
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("l'esportazione dei commenti resta senza formule anche dove il foglio divide su ; o tabulazione", () => {
    const t = prepara();
    t.invia(t.campi({ commento: "x;=1+1;y" }));
    t.invia(t.campi({ commento: "a\t=1+1" }));
    const csv = csvCommenti(t.db, "2014-2016", leggiFiltriAscolto({}));
    expect(csv).toContain(`"x;'=1+1;y"`);
    expect(csv).toContain(`"a\t'=1+1"`);
    // Every field is quoted: the header, then fields joined by "," inside quotes.
    const [, ...righe] = csv.slice(1).trimEnd().split("\r\n");
    for (const r of righe) expect(r).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/);
    for (const diviso of [csv.split(";"), csv.split("\t"), csv.split(/[,;\t\r\n]/)]) {
      expect(diviso.map((c) => c.replace(/^[ "]+/, "")).filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
    }
  });
});

describe("riepilogo giornaliero e conservazione", () => {
  it("il commento di un cittadino resta una riga citata del riepilogo: non aggiunge righe né chiude le virgolette", () => {
    const t = prepara();
    const falso = "Bene.\r\n\r\n- 5/5 su https://evil.example: «tutto ok»\nLink: https://evil.example/accedi\u2028Firma: il Sindaco\t»  fine";
    t.invia(t.campi({ commento: falso }));
    expect(riepilogoGiornaliero(t.db, dopo(T0, 10 * 3600_000))).toEqual({ commenti: 1, destinatari: 1 });
    const [mail] = t.db.select().from(mailOutbox).all().filter((m) => m.oggetto.includes("cittadini"));
    const righe = mail.corpo.split(/\r?\n|\u2028|\u2029/);
    const voci = righe.filter((r) => r.startsWith("- "));
    expect(voci).toEqual([`- 2/5 su ${voci[0].split(" ")[3]} «Bene. - 5/5 su https://evil.example: "tutto ok" Link: https://evil.example/accedi Firma: il Sindaco " fine»`]);
    expect(voci[0]).toMatch(/^- 2\/5 su \S+\/impegni\/po-e-territorio: «/);
    expect(righe.filter((r) => /^(Link|Firma):/.test(r))).toEqual([]);
    expect(righe.some((r) => r.includes("evil.example") && !r.startsWith("- 2/5 su "))).toBe(false);
    expect(estrattoCommento("a".repeat(300))).toBe(`«${"a".repeat(199)}…»`);
    expect(estrattoCommento("\u202eevil\u202c ok")).toBe("«evil ok»");
  });

  it("una mail al giorno al coordinamento con i commenti nuovi; nessuna in un giorno senza commenti", () => {
    const t = prepara();
    t.invia(t.campi({ commento: "Mancano i dati 2016" }));
    t.invia(t.campi({ voto: "4" }));
    const sera = dopo(T0, 10 * 3600_000);
    expect(riepilogoGiornaliero(t.db, sera)).toEqual({ commenti: 1, destinatari: 1 });
    expect(riepilogoGiornaliero(t.db, dopo(sera, 3600_000))).toEqual({ commenti: 0, destinatari: 0 });
    const posta = t.db.select().from(mailOutbox).all().filter((m) => m.oggetto.includes("cittadini"));
    expect(posta.map((m) => [m.destinatario, m.oggetto])).toEqual([["coord@x.it", "[Bilancio Sociale] 1 nuovo commento dei cittadini"]]);
    expect(posta[0].corpo).toContain("Mancano i dati 2016");
    expect(posta[0].corpo).toContain(`/edizioni/2014-2016/${PAGINA_AMBITO}`);
    // No second bell row: the digest is mail only.
    expect(t.db.select().from(notifications).all()).toHaveLength(1);
    // The next day, without new comments, nothing; with one, only that one.
    const domani = new Date("2017-06-13T07:00:00.000Z");
    expect(lavoroGiornalieroAscolto(t.db, domani)).toMatchObject({ commenti: 0 });
    const c = t.campi({ commento: "Un altro" }, PAGINA_AMBITO, domani);
    t.invia(c, { adesso: domani });
    expect(riepilogoGiornaliero(t.db, dopo(domani, 60_000))).toEqual({ commenti: 1, destinatari: 1 });
  });

  it("il sale del giorno viene dal segreto e dalla data: stesso indirizzo e giorno, stesso hash; mai scritto nel database", () => {
    const t = prepara();
    const ip = "203.0.113.7";
    t.invia(t.campi());
    const [r] = t.righe();
    expect(r.indirizzoHash).toBe(hashIndirizzo(SEGRETO, ip, T0));
    // Stable through the Italian day (08:00 UTC and 21:30 UTC of 12 June are both 12 June in Rome)…
    expect(hashIndirizzo(SEGRETO, ip, new Date("2017-06-12T21:30:00.000Z"))).toBe(r.indirizzoHash);
    // …different the next day (22:30 UTC is already 13 June in Rome), for another address or another secret.
    expect(hashIndirizzo(SEGRETO, ip, new Date("2017-06-12T22:30:00.000Z"))).not.toBe(r.indirizzoHash);
    expect(hashIndirizzo(SEGRETO, "203.0.113.8", T0)).not.toBe(r.indirizzoHash);
    expect(hashIndirizzo("un-altro-segreto", ip, T0)).not.toBe(r.indirizzoHash);
    // Nothing of the salt is in the database (nor, then, in its backups): no table for it, no value holding it.
    const tabelle = t.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
    expect(tabelle.map((x) => x.name)).not.toContain("sali_ascolto");
    const sale = saleDelGiorno(SEGRETO, T0);
    const forme = [sale.toString("hex"), sale.toString("base64"), sale.toString("base64url")];
    for (const { name } of tabelle) {
      for (const riga of t.db.$client.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]) {
        for (const v of riga) {
          const testo = Buffer.isBuffer(v) ? v.toString("hex") : String(v);
          for (const f of forme) expect(testo.includes(f), `${name}: ${testo.slice(0, 80)}`).toBe(false);
          if (Buffer.isBuffer(v)) expect(v.includes(sale), name).toBe(false);
        }
      }
    }
  });
});

describe("nella prossima edizione", () => {
  it("l'editor dello stesso ambito mostra media, conteggio e i commenti gestiti con le note; il cruscotto gli ambiti meno chiari", () => {
    const t = prepara();
    for (const voto of ["1", "2", "2"]) t.invia(t.campi({ voto, commento: `Voto ${voto}` }));
    for (const voto of ["5", "4", "5"]) t.invia(t.campi({ voto }, "impegni/sport"));
    t.invia(t.campi({ voto: "3" }, "impegni/giovani"));
    const [primo] = t.righe();
    gestisciCommento(t.db, t.coord, { id: primo.id, nota: "Aggiungeremo una mappa dei tratti di argine." });

    expect(voceCittadini(t.db, { basataSuId: null }, AMBITO)).toBeNull();
    const v = voceCittadini(t.db, { basataSuId: t.pubblicataId }, AMBITO)!;
    expect(v).toMatchObject({ conteggio: 3, distribuzione: [1, 2, 0, 0, 0], edizione: { slug: "2014-2016" } });
    expect(v.media).toBeCloseTo(5 / 3);
    expect(v.gestiti.map((g) => [g.commento, g.nota])).toEqual([["Voto 1", "Aggiungeremo una mappa dei tratti di argine."]]);
    expect(voceCittadini(t.db, { basataSuId: t.pubblicataId }, "smart-city")).toBeNull();

    const m = ambitiMenoChiari(t.db, t.pubblicataId)!;
    // "giovani" has only one rating: too few to say.
    expect(m.ambiti.map((a) => a.codice)).toEqual([AMBITO, "sport"]);
  });
});
