import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { importaPacchetto } from "../edition-package/import";
import { serializzaCanonico } from "./canonical";
import { sha256 } from "../sha256";
import { costruisciDati, datiSchema } from "./dati";

describe("serializzazione canonica", () => {
  it("lo stesso contenuto dà gli stessi byte, qualunque l'ordine delle chiavi", () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } };
    const b = { a: { c: "x", d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(serializzaCanonico(a)).toBe(serializzaCanonico(b));
    expect(serializzaCanonico(a)).toBe('{\n  "a": {\n    "c": "x",\n    "d": [\n      3,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it("i membri undefined non contano; l'ordine degli array sì", () => {
    expect(serializzaCanonico({ a: 1, b: undefined })).toBe(serializzaCanonico({ a: 1 }));
    expect(serializzaCanonico([1, 2])).not.toBe(serializzaCanonico([2, 1]));
  });

  it("ogni modifica, anche di un solo carattere, cambia l'hash", () => {
    const base = sha256(serializzaCanonico({ valore: 71924, etichetta: "abitanti" }));
    expect(sha256(serializzaCanonico({ valore: 71925, etichetta: "abitanti" }))).not.toBe(base);
    expect(sha256(serializzaCanonico({ valore: 71924, etichetta: "abitanti " }))).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
  });

  it("rifiuta numeri non finiti invece di scriverli come null", () => {
    expect(() => serializzaCanonico({ x: Number.NaN })).toThrow();
  });

  it("l'hash è quello di sha256sum sui byte UTF-8", () => {
    // printf 'città\n' | sha256sum
    expect(sha256("città\n")).toBe("139789760a3786ff2b69db4395b6cef265b9fa32214d9031f4866efb198d1fc1");
  });

  it("i dati dell'edizione demo: due costruzioni, stessi byte; validi per il loro schema; senza stati di lavoro", () => {
    const db = memoryDb();
    importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
    const id = { slug: "2014-2016", revisione: 1 };
    const uno = serializzaCanonico(costruisciDati(db, "2014-2016", id));
    const due = serializzaCanonico(costruisciDati(db, "2014-2016", id));
    expect(uno).toBe(due);
    expect(datiSchema.safeParse(JSON.parse(uno)).success).toBe(true);
    expect(uno).not.toMatch(/"stato"|"scadenza"/);
    // Parsed and serialized again (as a citizen's tool would), the bytes do not move.
    expect(serializzaCanonico(JSON.parse(uno))).toBe(uno);
  });
});
