import { describe, expect, it } from "vitest";
import { auditLog } from "./schema";
import { memoryDb } from "./memory";
import { seminaDemo } from "./seed";
import { isAzioneAudit, VOCABOLARIO, type AzioneAudit } from "../lib/audit/vocabolario";

describe("la demo seminata attraverso i servizi dell'app", () => {
  it("scrive solo azioni del vocabolario, ciascuna con dettagli della sua forma", async () => {
    const db = memoryDb();
    const r = await seminaDemo(db, "password-demo-di-prova-lunga");
    expect(r.account.length).toBeGreaterThan(6);
    const righe = db.select({ azione: auditLog.azione, dettagli: auditLog.dettagli }).from(auditLog).all();
    expect(righe.length).toBeGreaterThan(10);
    const sconosciute = righe.filter((x) => !isAzioneAudit(x.azione)).map((x) => x.azione);
    expect(sconosciute).toEqual([]);
    const fuoriForma = righe.filter((x) => !VOCABOLARIO[x.azione as AzioneAudit].dettagli.safeParse(x.dettagli ?? undefined).success);
    expect(fuoriForma.map((x) => `${x.azione} ${JSON.stringify(x.dettagli)}`)).toEqual([]);
    // The demo's life covers the lifecycle: signed and published, carried forward, reviewed.
    for (const a of ["edizione.importa", "edizione.invia_firma", "edizione.firma", "edizione.pubblica", "edizione.nuova", "sezione.invia", "sezione.approva", "sezione.richiedi_modifiche"])
      expect(righe.some((x) => x.azione === a), a).toBe(true);
  }, 60_000);
});
