import { afterEach, describe, expect, it, vi } from "vitest";
import { memoryDb } from "../../db/memory";
import { ascoltaLog } from "../log";
import { avviaPostino, esclusivo } from "./worker";

afterEach(() => vi.unstubAllEnvs());

describe("postino", () => {
  it("un lavoro in corso non parte una seconda volta", async () => {
    let attivi = 0;
    let massimo = 0;
    let esecuzioni = 0;
    const lavoro = esclusivo("prova", async () => {
      esecuzioni++;
      massimo = Math.max(massimo, ++attivi);
      await new Promise((r) => setTimeout(r, 10));
      attivi--;
    });
    await Promise.all([lavoro(), lavoro(), lavoro()]);
    expect(esecuzioni).toBe(1);
    expect(massimo).toBe(1);
    await lavoro();
    expect(esecuzioni).toBe(2);
  });

  it("un errore non blocca i passaggi successivi", async () => {
    const righe: Record<string, unknown>[] = [];
    const smetti = ascoltaLog((r) => righe.push(r));
    let n = 0;
    const lavoro = esclusivo("prova", () => {
      if (++n === 1) throw new Error("giù");
    });
    await lavoro();
    await lavoro();
    expect(n).toBe(2);
    smetti();
    expect(righe).toEqual([expect.objectContaining({ lavoro: "prova", level: 50, errore: expect.objectContaining({ messaggio: "giù" }) })]);
  });

  it("con MAIL_WORKER=off non parte", () => {
    vi.stubEnv("MAIL_WORKER", "off");
    const invia = vi.fn(async () => {});
    const p = avviaPostino(memoryDb(), { descrizione: "finto", invia });
    expect((globalThis as { __bilancioPostino?: unknown }).__bilancioPostino).toBeUndefined();
    p.ferma();
  });

  it("parte una volta sola per processo e si ferma", () => {
    vi.stubEnv("MAIL_WORKER", "on");
    const righe: Record<string, unknown>[] = [];
    const smetti = ascoltaLog((r) => righe.push(r));
    const db = memoryDb();
    const t = { descrizione: "finto", invia: async () => {} };
    const a = avviaPostino(db, t);
    expect(avviaPostino(db, t)).toBe(a);
    expect(righe.filter((r) => r.lavoro === "postino")).toHaveLength(1);
    a.ferma();
    expect((globalThis as { __bilancioPostino?: unknown }).__bilancioPostino).toBeUndefined();
    smetti();
  });
});
