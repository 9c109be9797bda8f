import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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

describe("un solo punto d'ingresso ai servizi", () => {
  it("in db/ solo seed.ts importa i servizi e le letture dell'app (i moduli server-only di lib/)", () => {
    const fuori: string[] = [];
    const visita = (cartella: string) => {
      for (const voce of readdirSync(cartella, { withFileTypes: true })) {
        const file = path.join(cartella, voce.name);
        if (voce.isDirectory()) visita(file);
        else if (/\.ts$/.test(voce.name) && !/\.test\.ts$/.test(voce.name) && file !== path.join("db", "seed.ts")) {
          for (const m of readFileSync(file, "utf8").matchAll(/from\s+"(\.[^"]+)"/g)) {
            const bersaglio = path.join(path.dirname(file), m[1]);
            if (!bersaglio.startsWith("lib" + path.sep)) continue;
            const testo = readFileSync(existsSync(`${bersaglio}.ts`) ? `${bersaglio}.ts` : path.join(bersaglio, "index.ts"), "utf8");
            if (/^import "server-only";/m.test(testo)) fuori.push(`${file} → ${m[1]}`);
          }
        }
      }
    };
    visita("db");
    expect(fuori).toEqual([]);
  });
});
