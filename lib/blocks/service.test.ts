import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, blocks, revisions, sections, settori } from "../../db/schema";
import { importaPacchetto } from "../edition-package/import";
import type { Attore } from "../policy";
import { aggiungiBlocchi, aggiungiBlocco, annullaEliminazione, duplicaBlocco, eliminaBlocco, ripristinaRevisione, salvaBlocco, spostaBlocco } from "./service";
import { registraRevisione } from "../sections/revisioni";
import { type Chi } from "../servizio";

function prepara() {
  const db = memoryDb();
  importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'cultura@x.it', 'Cultura', 'x'), (2, 'istruzione@x.it', 'Istruzione', 'x'), (3, 'coord@x.it', 'Coord', 'x')");
  const settore = (c: string) => db.select().from(settori).where(eq(settori.codice, c)).get()!.id;
  const chi = (userId: number, email: string, attore: Attore["ruoli"]): Chi => ({ userId, email, attore: { userId, ruoli: attore } });
  const cultura = chi(1, "cultura@x.it", [{ ruolo: "referente", settoreId: settore("cultura") }]);
  const istruzione = chi(2, "istruzione@x.it", [{ ruolo: "referente", settoreId: settore("istruzione") }]);
  const coordinatore = chi(3, "coord@x.it", [{ ruolo: "coordinatore", settoreId: null }]);
  const sezione = db.select().from(sections).where(eq(sections.codice, "rilancio-istituzioni-culturali")).get()!;
  const primoIndicatore = db.select().from(blocks).where(eq(blocks.sectionId, sezione.id)).orderBy(asc(blocks.posizione)).all().find((b) => b.tipo === "indicatore")!;
  const conteggioAudit = () => db.select().from(auditLog).all().length;
  return { db, cultura, istruzione, coordinatore, sezione, blocco: primoIndicatore, conteggioAudit };
}

describe("salvare un blocco", () => {
  it("il referente del settore salva, la versione sale e il registro lo annota", () => {
    const { db, cultura, blocco } = prepara();
    const dati = { ...(blocco.payload as object), valore: 1_900_000 };
    const r = salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.blocco.version).toBe(blocco.version + 1);
    expect((r.blocco.dati as { valore: number }).valore).toBe(1_900_000);
    expect(db.select().from(auditLog).all().at(-1)).toMatchObject({ azione: "blocco.modifica", userId: 1, sectionId: blocco.sectionId });
  });

  it("una versione superata non sovrascrive: restituisce quella salvata per il confronto", () => {
    const { db, cultura, coordinatore, blocco } = prepara();
    const base = blocco.payload as object;
    expect(salvaBlocco(db, coordinatore, { blockId: blocco.id, version: blocco.version, dati: { ...base, valore: 1 } }).ok).toBe(true);
    const r = salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati: { ...base, valore: 2 } });
    expect(r.ok).toBe(false);
    if (r.ok || r.tipo !== "conflitto") throw new Error("atteso conflitto");
    expect(r.corrente).toMatchObject({ version: blocco.version + 1, autore: "Coord", dati: { valore: 1 } });
    expect((db.select().from(blocks).where(eq(blocks.id, blocco.id)).get()!.payload as { valore: number }).valore).toBe(1);
  });

  it("un referente di un altro settore è respinto e nulla cambia, nemmeno il registro", () => {
    const { db, istruzione, blocco, conteggioAudit } = prepara();
    const prima = conteggioAudit();
    const r = salvaBlocco(db, istruzione, { blockId: blocco.id, version: blocco.version, dati: { ...(blocco.payload as object), valore: 5 } });
    expect(r).toEqual({ ok: false, tipo: "negato", messaggio: "La sezione appartiene a un altro settore." });
    expect(db.select().from(blocks).where(eq(blocks.id, blocco.id)).get()!.version).toBe(blocco.version);
    expect(conteggioAudit()).toBe(prima);
  });

  it("una sezione inviata non è modificabile dal referente", () => {
    const { db, cultura, blocco, sezione } = prepara();
    db.update(sections).set({ stato: "inviata" }).where(eq(sections.id, sezione.id)).run();
    const r = salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati: blocco.payload });
    expect(r.ok ? "" : r.tipo).toBe("negato");
  });

  it("dati non validi tornano con il campo e un messaggio italiano, senza scrivere", () => {
    const { db, cultura, blocco } = prepara();
    const r = salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati: { ...(blocco.payload as object), etichetta: "", valore: "tanti" } });
    if (r.ok || r.tipo !== "non_valido") throw new Error("atteso non_valido");
    expect(r.errori.map((e) => e.campo).sort()).toEqual(["etichetta", "valore"]);
    expect(r.errori.find((e) => e.campo === "etichetta")!.messaggio).toBe("Campo obbligatorio");
    expect(db.select().from(blocks).where(eq(blocks.id, blocco.id)).get()!.version).toBe(blocco.version);
  });

  it("non si cambia il tipo di un blocco salvandolo", () => {
    const { db, cultura, blocco } = prepara();
    const r = salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati: { tipo: "testo", contenuto: { type: "doc", content: [] } } });
    expect(r.ok ? [] : r.tipo === "non_valido" ? r.errori : []).toEqual([{ campo: "tipo", messaggio: "Il tipo di un blocco non si può cambiare." }]);
  });
});

describe("revisioni", () => {
  it("i salvataggi dello stesso autore nello stesso minuto formano una sola revisione", () => {
    const { db, cultura, coordinatore, blocco } = prepara();
    const numeri = () => db.select().from(revisions).where(eq(revisions.sectionId, blocco.sectionId)).all().length;
    const prima = numeri();
    let version = blocco.version;
    for (const valore of [1, 2, 3]) {
      const r = salvaBlocco(db, cultura, { blockId: blocco.id, version, dati: { ...(blocco.payload as object), valore } });
      if (r.ok) version = r.blocco.version;
    }
    expect(numeri()).toBe(prima + 1);
    salvaBlocco(db, coordinatore, { blockId: blocco.id, version, dati: { ...(blocco.payload as object), valore: 4 } });
    expect(numeri()).toBe(prima + 2);
  });

  it("dopo un minuto nasce una nuova revisione", () => {
    const { db, blocco } = prepara();
    const t0 = new Date("2026-01-01T10:00:00Z");
    registraRevisione(db, blocco.sectionId, 1, "salvataggio", t0);
    const n1 = registraRevisione(db, blocco.sectionId, 1, "salvataggio", new Date(t0.getTime() + 30_000));
    const n2 = registraRevisione(db, blocco.sectionId, 1, "salvataggio", new Date(t0.getTime() + 61_000 + 30_000));
    expect(n2).toBe(n1 + 1);
  });

  it("ripristinare una revisione rimette i blocchi di allora ed è a sua volta una revisione", () => {
    const { db, cultura, blocco } = prepara();
    const originale = blocco.payload;
    salvaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version, dati: { ...(blocco.payload as object), valore: 42 } });
    const ultima = () => db.select().from(revisions).where(eq(revisions.sectionId, blocco.sectionId)).all().at(-1)!.numero;
    // A restore based on an older view of the history is refused: nothing changes.
    expect(ripristinaRevisione(db, cultura, { sectionId: blocco.sectionId, numero: 1, ultima: ultima() - 1 })).toMatchObject({ ok: false, tipo: "conflitto" });
    const r = ripristinaRevisione(db, cultura, { sectionId: blocco.sectionId, numero: 1, ultima: ultima() });
    expect(r.ok).toBe(true);
    const dopo = db.select().from(blocks).where(eq(blocks.sectionId, blocco.sectionId)).orderBy(asc(blocks.posizione)).all();
    expect(dopo.find((b) => b.tipo === "indicatore")!.payload).toEqual(originale);
    expect(db.select().from(revisions).where(eq(revisions.sectionId, blocco.sectionId)).all().at(-1)!.motivo).toBe("ripristino");
  });
});

describe("aggiungere, spostare, duplicare, eliminare", () => {
  it("un blocco nuovo di ogni tipo è valido e va in fondo", () => {
    const { db, cultura, sezione } = prepara();
    for (const tipo of ["indicatore", "serie", "tabella", "scheda", "testo"] as const) {
      const r = aggiungiBlocco(db, cultura, { sectionId: sezione.id, tipo });
      expect(r.ok, tipo).toBe(true);
    }
    const tipi = db.select().from(blocks).where(eq(blocks.sectionId, sezione.id)).orderBy(asc(blocks.posizione)).all().map((b) => b.tipo);
    expect(tipi.slice(-5)).toEqual(["indicatore", "serie", "tabella", "scheda", "testo"]);
  });

  it("eliminare e poi annullare rimette il blocco com'era al suo posto, base compresa, una volta sola", () => {
    const { db, cultura, istruzione, blocco } = prepara();
    const base = { valore: 1_700_000, unita: "euro", riferimento: "2016", edizione: "Bilancio Sociale 2014–2016", anno: 2016 };
    // As carry-forward leaves it: a base no client could have sent.
    db.update(blocks).set({ payload: { ...(blocco.payload as object), base } }).where(eq(blocks.id, blocco.id)).run();
    const ordine = () => db.select().from(blocks).where(eq(blocks.sectionId, blocco.sectionId)).orderBy(asc(blocks.posizione)).all().map((b) => JSON.stringify(b.payload));
    const prima = ordine();
    const e = eliminaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version });
    if (!e.ok) throw new Error(e.messaggio);
    expect(ordine().length).toBe(prima.length - 1);
    expect(annullaEliminazione(db, istruzione, { sectionId: blocco.sectionId, eliminazioneId: e.eliminazioneId })).toMatchObject({ ok: false, tipo: "negato" });
    expect(annullaEliminazione(db, cultura, { sectionId: blocco.sectionId, eliminazioneId: e.eliminazioneId })).toMatchObject({ ok: true });
    expect(ordine()).toEqual(prima);
    expect(annullaEliminazione(db, cultura, { sectionId: blocco.sectionId, eliminazioneId: e.eliminazioneId })).toMatchObject({ ok: false, tipo: "conflitto" });
    expect(ordine()).toEqual(prima);
  });

  it("nessun client può impostare la base di un indicatore: aggiungendo, duplicando o importando", () => {
    const { db, cultura, sezione, blocco } = prepara();
    const falsa = { valore: 1, unita: "euro", riferimento: "2016", edizione: "Bilancio Sociale 2014–2016", anno: 2016 };
    const conBase = { ...(blocco.payload as object), base: falsa };
    const a = aggiungiBlocco(db, cultura, { sectionId: sezione.id, tipo: "indicatore", dati: conBase });
    if (!a.ok) throw new Error(a.messaggio);
    expect(a.blocco.dati).not.toHaveProperty("base");
    // A base set by carry-forward is not copied by a duplicate either: it belongs to the original.
    db.update(blocks).set({ payload: conBase }).where(eq(blocks.id, blocco.id)).run();
    const d = duplicaBlocco(db, cultura, { blockId: blocco.id, version: blocco.version });
    if (!d.ok) throw new Error(d.messaggio);
    expect(d.blocco.dati).not.toHaveProperty("base");
    const i = aggiungiBlocchi(db, cultura, { sectionId: sezione.id, blocchi: [conBase, conBase], origine: "foglio.csv" });
    expect(i).toMatchObject({ ok: true, aggiunti: 2 });
    const ultimi = db.select().from(blocks).where(eq(blocks.sectionId, sezione.id)).orderBy(asc(blocks.posizione)).all().slice(-2);
    for (const b of ultimi) expect(b.payload).not.toHaveProperty("base");
  });

  it("spostare su e giù scambia i vicini; duplicare copia subito dopo", () => {
    const { db, cultura, sezione } = prepara();
    const lista = () => db.select().from(blocks).where(eq(blocks.sectionId, sezione.id)).orderBy(asc(blocks.posizione)).all();
    const [a, b] = lista();
    spostaBlocco(db, cultura, { blockId: b.id, direzione: "su", posizione: 1, vicinoId: a.id });
    expect(lista().slice(0, 2).map((x) => x.id)).toEqual([b.id, a.id]);
    // A move based on an order someone else has changed is refused.
    expect(spostaBlocco(db, cultura, { blockId: b.id, direzione: "giu", posizione: 1, vicinoId: a.id })).toMatchObject({ ok: false, tipo: "conflitto" });
    spostaBlocco(db, cultura, { blockId: b.id, direzione: "giu", posizione: 0, vicinoId: a.id });
    expect(lista().slice(0, 2).map((x) => x.id)).toEqual([a.id, b.id]);
    expect(duplicaBlocco(db, cultura, { blockId: a.id, version: a.version + 1 })).toMatchObject({ ok: false, tipo: "conflitto" });
    const d = duplicaBlocco(db, cultura, { blockId: a.id, version: a.version });
    if (!d.ok) throw new Error(d.messaggio);
    expect(lista()[1]).toMatchObject({ id: d.blocco.id, payload: a.payload });
    expect(lista().map((x) => x.posizione)).toEqual(lista().map((_, i) => i));
  });
});
