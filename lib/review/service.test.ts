import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, blocks, mailOutbox, notifications, revisions, roleMemberships, sections, settori, users } from "../../db/schema";
import { salvaBlocco } from "../blocks/service";
import { type Chi } from "../servizio";
import { importaPacchetto } from "../edition-package/import";
import { commentiSezione, decisioniSezione } from "./queries";
import { aggiungiCommento, eseguiTransizione, risolviCommento } from "./service";

function prepara() {
  const db = memoryDb();
  importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!.id;
  db.insert(users).values([
    { id: 1, email: "ref@x.it", nome: "Referente", passwordHash: "x" },
    { id: 2, email: "coord@x.it", nome: "Coordinatrice", passwordHash: "x" },
    { id: 3, email: "coord2@x.it", nome: "Altro coordinatore", passwordHash: "x" },
  ]).run();
  db.insert(roleMemberships).values([
    { userId: 1, ruolo: "referente", settoreId: cultura },
    { userId: 2, ruolo: "coordinatore" },
    { userId: 3, ruolo: "coordinatore" },
  ]).run();
  const ref: Chi = { userId: 1, email: "ref@x.it", attore: { userId: 1, ruoli: [{ ruolo: "referente", settoreId: cultura }] } };
  const coord: Chi = { userId: 2, email: "coord@x.it", attore: { userId: 2, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  const coord2: Chi = { userId: 3, email: "coord2@x.it", attore: { userId: 3, ruoli: [{ ruolo: "coordinatore", settoreId: null }] } };
  // A section whose data pass the checks: one indicator with its source.
  const s = db.select().from(sections).where(eq(sections.codice, "cremona-internazionale-citta-pace")).get()!;
  db.update(sections).set({ settoreId: cultura }).where(eq(sections.id, s.id)).run();
  const sezione = () => db.select().from(sections).where(eq(sections.id, s.id)).get()!;
  return { db, ref, coord, coord2, sectionId: s.id, sezione };
}

describe("il ciclo di revisione", () => {
  it("invio → richiesta di modifiche con commento su un campo → correzione → nuovo invio → approvazione → riapertura", () => {
    const { db, ref, coord, sectionId, sezione } = prepara();
    let r = eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    expect(r).toMatchObject({ ok: true, stato: "inviata" });
    // Read-only for the referente now.
    const b = db.select().from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(asc(blocks.posizione)).get()!;
    expect(salvaBlocco(db, ref, { blockId: b.id, version: b.version, dati: b.payload }).ok).toBe(false);

    const c = aggiungiCommento(db, coord, { sectionId, blockId: b.id, campo: "contenuto", testo: "Manca la fonte del dato" });
    expect(c.ok).toBe(true);
    r = eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "richiedi_modifiche", messaggio: "Vedi il commento sul testo" });
    expect(r).toMatchObject({ ok: true, stato: "da_rivedere" });

    expect(salvaBlocco(db, ref, { blockId: b.id, version: b.version, dati: { ...(b.payload as object), fonte: "Ufficio di Gabinetto" } }).ok).toBe(true);
    if (!c.ok) return;
    aggiungiCommento(db, ref, { sectionId, parentId: c.id, testo: "Aggiunta" });
    risolviCommento(db, ref, { commentId: c.id, risolto: true });
    r = eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    expect(r).toMatchObject({ ok: true, stato: "inviata" });
    r = eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "approva" });
    expect(r).toMatchObject({ ok: true, stato: "approvata" });
    r = eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "riapri", messaggio: "Dato 2016 aggiornato dall'ISTAT" });
    expect(r).toMatchObject({ ok: true, stato: "bozza" });

    expect(decisioniSezione(db, sectionId).map((d) => d.azione)).toEqual(["sezione.riapri", "sezione.approva", "sezione.invia", "sezione.richiedi_modifiche", "sezione.invia"]);
    expect(decisioniSezione(db, sectionId)[0]).toMatchObject({ chi: "Coordinatrice", messaggio: "Dato 2016 aggiornato dall'ISTAT" });
    const thread = commentiSezione(db, sectionId).find((x) => x.id === c.id)!;
    expect(thread).toMatchObject({ campo: "contenuto", risolto: true, risposte: [{ testo: "Aggiunta", risolto: true }] });
    expect(db.select().from(revisions).where(eq(revisions.sectionId, sectionId)).all().map((x) => x.motivo)).toContain("approvazione");
  });

  it("chi riceve le notifiche: il coordinamento all'invio, i referenti alle decisioni; la posta passa dalla coda", () => {
    const { db, ref, coord, sectionId, sezione } = prepara();
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    expect(db.select().from(notifications).all().map((n) => n.userId).sort()).toEqual([2, 3]);
    eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "richiedi_modifiche", messaggio: "Rivedere il testo" });
    expect(db.select().from(notifications).where(eq(notifications.userId, 1)).all().map((n) => n.testo)).toEqual(["Richieste modifiche alla sezione «Cremona internazionale e Città della Pace»"]);
    const posta = db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "ref@x.it")).all();
    expect(posta).toHaveLength(1);
    expect(posta[0].corpo).toContain("Rivedere il testo");
  });

  it("la posta della richiesta di modifiche dice il perché: il messaggio e i commenti aperti, con il campo", () => {
    const { db, ref, coord, sectionId, sezione } = prepara();
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    const b = db.select().from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(asc(blocks.posizione)).get()!;
    const aperto = aggiungiCommento(db, coord, { sectionId, blockId: b.id, campo: "contenuto", testo: "Manca la fonte\ndel dato" });
    const risolto = aggiungiCommento(db, coord, { sectionId, blockId: b.id, campo: "titolo", testo: "Già sistemato" });
    if (!aperto.ok || !risolto.ok) throw new Error("commenti non aggiunti");
    aggiungiCommento(db, ref, { sectionId, parentId: aperto.id, testo: "Una risposta non è un altro commento" });
    risolviCommento(db, coord, { commentId: risolto.id, risolto: true });
    aggiungiCommento(db, coord, { sectionId, testo: "Controllare le date" });
    expect(eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "richiedi_modifiche", messaggio: " Aggiungere le fonti. " })).toMatchObject({ ok: true });
    const [mail] = db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "ref@x.it")).all();
    expect(mail.corpo.split("\n\nApri: ")[0]).toBe(
      [
        "Richieste modifiche alla sezione «Cremona internazionale e Città della Pace».",
        "Che cosa modificare:\nAggiungere le fonti.",
        "I 2 commenti aperti sulla sezione:\n" +
          "- Su blocco 1 (Cremona Città della Pace), campo «Testo»: Manca la fonte\n  del dato\n" +
          "- Su tutta la sezione: Controllare le date",
      ].join("\n\n"),
    );
    expect(mail.corpo).toMatch(new RegExp(`\n\nApri: \\S+/sezioni/${sectionId}$`));
  });

  it("chiedere modifiche senza un messaggio è rifiutato anche con commenti aperti; riaprire senza motivo pure", () => {
    const { db, ref, coord, sectionId, sezione } = prepara();
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    aggiungiCommento(db, coord, { sectionId, testo: "Manca la fonte" });
    for (const messaggio of [undefined, "", "  \n "]) {
      expect(eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "richiedi_modifiche", messaggio })).toStrictEqual({
        ok: false,
        tipo: "manca_messaggio",
        messaggio: "Scrivi al settore che cosa modificare.",
      });
    }
    expect(sezione().stato).toBe("inviata");
    expect(db.select().from(mailOutbox).where(eq(mailOutbox.destinatario, "ref@x.it")).all()).toHaveLength(0);
    eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "approva" });
    expect(eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "riapri" })).toStrictEqual({
      ok: false,
      tipo: "manca_messaggio",
      messaggio: "Per riaprire una sezione approvata indica il motivo.",
    });
    expect(sezione().stato).toBe("approvata");
  });

  it("l'invio nomina i blocchi vuoti: un testo senza parole è un avviso da confermare", () => {
    const { db, ref, sectionId, sezione } = prepara();
    const vuoto = Number(
      db.insert(blocks).values({ sectionId, tipo: "testo", posizione: 99, payload: { tipo: "testo", contenuto: { type: "doc", content: [{ type: "paragraph" }] } } }).run().lastInsertRowid,
    );
    const r = eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    if (r.ok || r.tipo !== "problemi") throw new Error(`attesi problemi, non ${JSON.stringify(r)}`);
    expect(r.soloAvvisi).toBe(true);
    expect(r.problemi).toContainEqual(
      expect.objectContaining({ blockId: vuoto, campo: "contenuto", livello: "avviso", messaggio: "Il blocco di testo è vuoto: scrivi il testo oppure elimina il blocco." }),
    );
    expect(sezione().stato).toBe("bozza");
    expect(eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia", confermaAvvisi: true })).toMatchObject({ ok: true, stato: "inviata" });
  });

  it("due coordinatori decidono insieme: vince il primo; chi decide su una versione superata riceve un conflitto", () => {
    const { db, ref, coord, coord2, sectionId, sezione } = prepara();
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    const v = sezione().version;
    expect(eseguiTransizione(db, coord, { sectionId, version: v, azione: "approva" })).toMatchObject({ ok: true });
    // The state no longer allows the second decision.
    expect(eseguiTransizione(db, coord2, { sectionId, version: v, azione: "richiedi_modifiche", messaggio: "no" })).toMatchObject({ ok: false, tipo: "negato" });
    // Same state again, but a decision based on an old reading is still refused by the version.
    eseguiTransizione(db, coord, { sectionId, version: sezione().version, azione: "riapri", messaggio: "ancora" });
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    expect(sezione().stato).toBe("inviata");
    expect(eseguiTransizione(db, coord2, { sectionId, version: v, azione: "approva" })).toMatchObject({ ok: false, tipo: "conflitto" });
    expect(sezione().stato).toBe("inviata");
  });

  it("un referente non può approvare né inviare la sezione di un altro settore; nulla cambia e nulla si registra", () => {
    const { db, ref, coord, sectionId, sezione } = prepara();
    eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "invia" });
    const prima = db.select().from(auditLog).all().length;
    expect(eseguiTransizione(db, ref, { sectionId, version: sezione().version, azione: "approva" })).toMatchObject({ ok: false, tipo: "negato" });
    const altra = db.select().from(sections).where(eq(sections.codice, "conosci-istruzione")).get()!;
    expect(eseguiTransizione(db, ref, { sectionId: altra.id, version: altra.version, azione: "invia" })).toMatchObject({ ok: false, tipo: "negato", messaggio: "La sezione appartiene a un altro settore." });
    expect(db.select().from(auditLog).all().length).toBe(prima);
    expect(sezione().stato).toBe("inviata");
    void coord;
  });

  it("l'invio è bloccato dagli errori dei dati, e gli avvisi vanno confermati", () => {
    const { db, ref, sezione } = prepara();
    // Rilancio delle istituzioni culturali has figures without a source: warnings.
    const s = db.select().from(sections).where(eq(sections.codice, "rilancio-istituzioni-culturali")).get()!;
    const r = eseguiTransizione(db, ref, { sectionId: s.id, version: s.version, azione: "invia" });
    if (r.ok || r.tipo !== "problemi") throw new Error("attesi problemi");
    expect(r.soloAvvisi).toBe(true);
    expect(r.problemi[0]).toMatchObject({ livello: "avviso" });
    expect(eseguiTransizione(db, ref, { sectionId: s.id, version: s.version, azione: "invia", confermaAvvisi: true })).toMatchObject({ ok: true, stato: "inviata" });
    // An error (a comparison the series contradicts) cannot be confirmed away.
    const b = db.select().from(blocks).where(eq(blocks.sectionId, sezione().id)).get()!;
    db.update(blocks).set({ payload: { tipo: "serie", titolo: "Arrivi", grafico: "barre", categorie: ["2014", "2016"], serie: [{ nome: "Arrivi", valori: [1000, 1050] }], fonte: "x" } }).where(eq(blocks.id, b.id)).run();
    db.insert(blocks).values({ sectionId: sezione().id, tipo: "indicatore", posizione: 5, payload: { tipo: "indicatore", etichetta: "arrivi", valore: 1050, unita: "arrivi", riferimento: "2016", confronti: [{ testo: "dal 2014", valore: 20, unita: "%" }], fonte: "x" } }).run();
    const e = eseguiTransizione(db, ref, { sectionId: sezione().id, version: sezione().version, azione: "invia", confermaAvvisi: true });
    expect(e).toMatchObject({ ok: false, tipo: "problemi", soloAvvisi: false });
  });
});
