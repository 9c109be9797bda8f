import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog, sections, settori } from "../../db/schema";
import {
  INTESTAZIONE_CSV,
  campoCsv,
  cercaRegistro,
  leggiFiltri,
  queryFiltri,
  riassumiDettagli,
  righeCsv,
} from "./queries";
import { giornoDopo, inizioGiornoRoma, oggiRoma } from "../numbers/calendario";
import { importaPacchetto } from "../edition-package/import";
import type { AzioneAudit } from "./vocabolario";

function prepara() {
  const db = memoryDb();
  importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "import" });
  db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'cultura@x.it', 'Anna Cultura', 'x'), (2, 'coord@x.it', 'Carlo Coord', 'x')");
  const cultura = db.select().from(settori).where(eq(settori.codice, "cultura")).get()!;
  const sezione = db.select().from(sections).where(eq(sections.codice, "rilancio-istituzioni-culturali")).get()!;
  const voce = (at: string, v: Partial<typeof auditLog.$inferInsert> & { azione: string }) => db.insert(auditLog).values({ at, ...v }).run();
  // 14/03 23:59 in Rome (CET, +1), then 15/03 00:30, 15/03 23:59, 16/03 00:30.
  voce("2017-03-14T22:59:00.000Z", { userId: 1, attore: "cultura@x.it", azione: "accesso" });
  voce("2017-03-14T23:30:00.000Z", { userId: 1, attore: "cultura@x.it", azione: "blocco.modifica", sectionId: sezione.id, settoreId: cultura.id, editionId: sezione.editionId, dettagli: { blockId: 7, version: 3 } });
  voce("2017-03-15T22:59:00.000Z", { userId: 2, attore: "coord@x.it", azione: "sezione.scadenza", sectionId: sezione.id, settoreId: cultura.id, editionId: sezione.editionId, dettagli: { da: null, a: "2017-03-31" } });
  voce("2017-03-15T23:30:00.000Z", { userId: null, attore: "=cmd|' /C calc'!A0", azione: "accesso.fallito" });
  return { db, cultura, sezione };
}

describe("giorni in ora italiana", () => {
  it("l'inizio del giorno segue l'ora solare e l'ora legale", () => {
    expect(inizioGiornoRoma("2017-03-15")).toBe("2017-03-14T23:00:00.000Z");
    expect(inizioGiornoRoma("2017-07-01")).toBe("2017-06-30T22:00:00.000Z");
    // The days of the clock changes.
    expect(inizioGiornoRoma("2026-03-29")).toBe("2026-03-28T23:00:00.000Z");
    expect(inizioGiornoRoma("2026-03-30")).toBe("2026-03-29T22:00:00.000Z");
    expect(inizioGiornoRoma("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
    expect(inizioGiornoRoma("2026-10-26")).toBe("2026-10-25T23:00:00.000Z");
    expect(giornoDopo("2016-02-28")).toBe("2016-02-29");
    expect(giornoDopo("2016-12-31")).toBe("2017-01-01");
    expect(oggiRoma(new Date("2017-03-14T23:30:00.000Z"))).toBe("2017-03-15");
    expect(oggiRoma(new Date("2017-07-01T21:59:00.000Z"))).toBe("2017-07-01");
  });
});

describe("cercaRegistro", () => {
  it("restituisce tutte le righe, dalla più recente, con nomi ed etichette italiane", () => {
    const { db, sezione, cultura } = prepara();
    const r = cercaRegistro(db, {});
    expect(r.totale).toBe(5); // the four above and the import of the demo edition, today
    expect(r.righe.map((x) => x.azione)).toEqual(["edizione.importa", "accesso.fallito", "sezione.scadenza", "blocco.modifica", "accesso"]);
    const [importa, fallito, scadenza, modifica] = r.righe;
    expect(importa).toMatchObject({ chi: "import", azioneEtichetta: "Importazione di un'edizione" });
    expect(fallito).toMatchObject({ chi: "=cmd|' /C calc'!A0", chiDettaglio: null, azioneEtichetta: "Accesso non riuscito", sezione: null, settore: null, dettagli: "" });
    expect(scadenza).toMatchObject({ chi: "Carlo Coord", chiDettaglio: "coord@x.it", azioneEtichetta: "Cambio di scadenza", sezione: sezione.titolo, settore: cultura.nome, dettagli: "da nessuna a 31/03/2017" });
    expect(modifica).toMatchObject({ azioneEtichetta: "Modifica di un blocco", dettagli: "blocco n.: 7; versione: 3" });
  });

  it("filtra per utente, settore, sezione e azione", () => {
    const { db, sezione, cultura } = prepara();
    expect(cercaRegistro(db, { userId: 1 }).righe.map((x) => x.azione)).toEqual(["blocco.modifica", "accesso"]);
    expect(cercaRegistro(db, { settoreId: cultura.id }).totale).toBe(2);
    expect(cercaRegistro(db, { sectionId: sezione.id, userId: 2 }).righe.map((x) => x.azione)).toEqual(["sezione.scadenza"]);
    expect(cercaRegistro(db, { azione: "accesso" }).totale).toBe(1);
    expect(cercaRegistro(db, { azione: "edizione.pubblica" }).totale).toBe(0);
  });

  it("dal e al sono giorni interi in ora italiana, estremi inclusi", () => {
    const { db } = prepara();
    expect(cercaRegistro(db, { dal: "2017-03-15", al: "2017-03-15" }).righe.map((x) => x.azione)).toEqual(["sezione.scadenza", "blocco.modifica"]);
    expect(cercaRegistro(db, { al: "2017-03-14" }).righe.map((x) => x.azione)).toEqual(["accesso"]);
    expect(cercaRegistro(db, { dal: "2017-03-16", al: "2017-03-16" }).righe.map((x) => x.azione)).toEqual(["accesso.fallito"]);
    expect(cercaRegistro(db, { dal: "2017-03-14", al: "2017-03-16" }).totale).toBe(4);
  });

  it("pagina i risultati e riporta l'ultima pagina se si chiede oltre", () => {
    const { db } = prepara();
    const p2 = cercaRegistro(db, { pagina: 2 }, 2);
    expect(p2).toMatchObject({ totale: 5, pagina: 2, pagine: 3, perPagina: 2 });
    expect(p2.righe.map((x) => x.azione)).toEqual(["sezione.scadenza", "blocco.modifica"]);
    const oltre = cercaRegistro(db, { pagina: 99 }, 2);
    expect(oltre.pagina).toBe(3);
    expect(oltre.righe.map((x) => x.azione)).toEqual(["accesso"]);
  });

  it("azioni sconosciute restano come sono; i cambi di stato si leggono in italiano", () => {
    expect(riassumiDettagli("sezione.invia", { da: "bozza", a: "inviata" })).toBe("da Bozza a Inviata");
    expect(riassumiDettagli("sezione.scadenza", { da: "2017-03-31", a: null })).toBe("da 31/03/2017 a nessuna");
    expect(riassumiDettagli("x", "testo")).toBe("testo");
    expect(riassumiDettagli("x", { m: "a".repeat(500) }).length).toBeLessThanOrEqual(240);
    const { db } = prepara();
    // A row older than the vocabulary (written before `registra` checked) is shown as it is.
    db.insert(auditLog).values({ azione: "qualcosa.di_nuovo" as AzioneAudit }).run();
    expect(cercaRegistro(db, {}).righe.find((r) => r.azione === "qualcosa.di_nuovo")).toMatchObject({ azioneEtichetta: "qualcosa.di_nuovo", chi: "Sistema" });
  });
});

describe("parametri della pagina", () => {
  it("valori non validi sono ignorati con un avviso in italiano", () => {
    const { filtri, avvisi } = leggiFiltri({ utente: "abc", settore: "3", sezione: ["12", "13"], azione: "DROP TABLE", dal: "2017-02-30", al: "2017-03-31", pagina: "0" });
    expect(filtri).toEqual({ settoreId: 3, sectionId: 12, al: "2017-03-31" });
    expect(avvisi).toEqual([
      "Il valore del filtro «Utente» non è valido ed è stato ignorato.",
      "Il valore del filtro «Azione» non è valido ed è stato ignorato.",
      "Il valore del filtro «Dal» non è valido ed è stato ignorato.",
      "Il valore del filtro «Pagina» non è valido ed è stato ignorato.",
    ]);
    expect(leggiFiltri(new URLSearchParams("utente=&dal=1999-12-31")).avvisi).toHaveLength(1);
    // Only the vocabulary's actions: a well-formed name that is not one of them is refused too.
    expect(leggiFiltri({ azione: "edizione.inesistente" }).avvisi).toEqual(["Il valore del filtro «Azione» non è valido ed è stato ignorato."]);
    expect(leggiFiltri({ azione: "edizione.firma" }).filtri).toEqual({ azione: "edizione.firma" });
    expect(leggiFiltri({ dal: "2017-04-01", al: "2017-03-01" }).avvisi[0]).toContain("successiva");
  });

  it("i filtri tornano nella query string, senza la pagina 1", () => {
    expect(queryFiltri({ userId: 1, azione: "sezione.invia", dal: "2017-03-01" }, 1)).toBe("utente=1&azione=sezione.invia&dal=2017-03-01");
    expect(queryFiltri({ settoreId: 2 }, 3)).toBe("settore=2&pagina=3");
    const { filtri } = leggiFiltri(new URLSearchParams(queryFiltri({ userId: 4, sectionId: 5, al: "2017-12-31" }, 2)));
    expect(filtri).toEqual({ userId: 4, sectionId: 5, al: "2017-12-31", pagina: 2 });
  });
});

describe("CSV", () => {
  it("racchiude ogni campo tra virgolette e le raddoppia", () => {
    expect(campoCsv("semplice")).toBe('"semplice"');
    expect(campoCsv("a;b")).toBe('"a;b"');
    expect(campoCsv('Il "Torrazzo"')).toBe('"Il ""Torrazzo"""');
    expect(campoCsv("riga\naltra")).toBe('"riga\naltra"');
    expect(campoCsv(" spazio")).toBe('" spazio"');
    // A formula is defused, also where a cell begins after a ; or a tab inside the field.
    expect(campoCsv("=1+1")).toBe(`"'=1+1"`);
    expect(campoCsv("-2")).toBe(`"'-2"`);
    expect(campoCsv("x;=1+1;y")).toBe(`"x;'=1+1;y"`);
    expect(campoCsv("a\t=1+1")).toBe(`"a\t'=1+1"`);
  });

  it("tutte le righe filtrate, con BOM, intestazione, ora italiana e ; come separatore", () => {
    const { db, sezione, cultura } = prepara();
    db.insert(auditLog).values({ at: "2017-03-15T10:00:00.000Z", userId: 2, attore: "coord@x.it", azione: "commento.aggiungi", sectionId: sezione.id, settoreId: cultura.id, dettagli: { messaggio: 'Manca la "fonte"; controllare' } }).run();
    const csv = righeCsv(db, { dal: "2017-03-15", al: "2017-03-16", pagina: 2 });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const righe = csv.slice(1).trimEnd().split("\r\n");
    expect(righe[0]).toBe(INTESTAZIONE_CSV);
    expect(righe).toHaveLength(5); // header + 4 rows: paging is ignored
    expect(righe[1]).toBe(`"16/03/2017 00:30";"'=cmd|' /C calc'!A0";"Accesso non riuscito";"";"";""`);
    expect(righe[2]).toBe(`"15/03/2017 23:59";"Carlo Coord <coord@x.it>";"Cambio di scadenza";"${sezione.titolo}";"${cultura.nome}";"da nessuna a 31/03/2017"`);
    expect(righe[3]).toBe(`"15/03/2017 11:00";"Carlo Coord <coord@x.it>";"Nuovo commento";"${sezione.titolo}";"${cultura.nome}";"messaggio: Manca la ""fonte""; controllare"`);
    expect(righe[4]).toMatch(/^"15\/03\/2017 00:30";"Anna Cultura <cultura@x.it>";"Modifica di un blocco";/);
  });
});
