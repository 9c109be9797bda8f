import { describe, expect, it } from "vitest";
import { allArresto, eseguiArresto } from "./arresto";
import { ascoltaLog } from "./log";

describe("arresto del server", () => {
  it("esegue i passi dall'ultimo registrato al primo, anche se uno fallisce, e una volta sola", async () => {
    const fatti: string[] = [];
    allArresto("database", () => void fatti.push("database"));
    allArresto("postino", () => {
      throw new Error("già fermo");
    });
    allArresto("siti", async () => {
      await new Promise((r) => setTimeout(r, 5));
      fatti.push("siti");
    });
    // Registered again (Next.js may load instrumentation twice in development): replaced, not doubled.
    allArresto("database", () => void fatti.push("database"));
    const righe: Record<string, unknown>[] = [];
    const smetti = ascoltaLog((r) => righe.push(r));
    await eseguiArresto();
    await eseguiArresto();
    smetti();
    expect(fatti).toEqual(["siti", "database"]);
    expect(righe).toContainEqual(expect.objectContaining({ passo: "postino", level: 50, errore: expect.objectContaining({ messaggio: "già fermo" }) }));
  });
});
