import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { registra } from "./registra";
import { vociAudit } from "./leggi";
import { AZIONI_AUDIT, etichettaAzione, leggiDettagli, VOCABOLARIO, type AzioneAudit } from "./vocabolario";

describe("vocabolario del registro", () => {
  it("ogni azione ha un'etichetta italiana propria, diversa dalle altre", () => {
    const etichette = AZIONI_AUDIT.map(etichettaAzione);
    for (const [i, a] of AZIONI_AUDIT.entries()) expect(etichette[i], a).not.toBe(a);
    expect(new Set(etichette).size).toBe(etichette.length);
  });

  it("un'azione fuori dal vocabolario si mostra com'è, ma non si può registrare", () => {
    expect(etichettaAzione("prova.inesistente")).toBe("prova.inesistente");
    const db = memoryDb();
    expect(() => registra(db, { azione: "prova.inesistente" as AzioneAudit, attore: "test" } as never)).toThrow(/sconosciuta/);
    expect(db.$client.prepare("SELECT count(*) AS n FROM audit_log").get()).toEqual({ n: 0 });
  });

  it("i dettagli si rileggono tipizzati, o null se non hanno la forma dell'azione", () => {
    expect(leggiDettagli("edizione.firma_rifiutata", { motivo: "password errata" })).toEqual({ motivo: "password errata" });
    expect(leggiDettagli("edizione.firma_rifiutata", { motivo: "altro" })).toBeNull();
    expect(leggiDettagli("sezione.invia", { da: "bozza", a: "inviata" })).toEqual({ da: "bozza", a: "inviata" });
    expect(leggiDettagli("accesso", null)).toBeUndefined();
    expect(Object.keys(VOCABOLARIO)).toEqual(AZIONI_AUDIT);
  });

  it("le voci lette dal registro hanno azione e dettagli tipizzati, nell'ordine chiesto", () => {
    const db = memoryDb();
    registra(db, { azione: "edizione.firma_rifiutata", attore: "a", userId: null, editionId: 7, dettagli: { motivo: "password errata" } });
    registra(db, { azione: "edizione.firma_rifiutata", attore: "a", editionId: 7, dettagli: { motivo: "contenuto cambiato", mostrato: "x", congelato: "y", attuale: "z" } });
    registra(db, { azione: "accesso", attore: "b" });
    const voci = vociAudit(db, { azioni: ["edizione.firma_rifiutata"], editionId: 7, ordine: "desc" });
    expect(voci.map((v) => v.dettagli?.motivo)).toEqual(["contenuto cambiato", "password errata"]);
    expect(voci.every((v) => v.chi === "a")).toBe(true);
    expect(vociAudit(db, { azioni: [] })).toEqual([]);
  });
});
