/** The audit log's CSV is read a page at a time and capped (issue 20): a flooded log never loads whole. */
import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { auditLog } from "../../db/schema";
import { campoCsv, INTESTAZIONE_CSV, lineeCsv, MAX_RIGHE_CSV, righeCsv } from "./queries";

function conRighe(n: number) {
  const db = memoryDb();
  // Pairs with the same instant, so paging by key must break ties by id.
  db.insert(auditLog).values(Array.from({ length: n }, (_, i) => ({ at: new Date(Date.UTC(2017, 2, 15, 10, Math.floor(i / 2))).toISOString(), attore: `persona${i}@x.it`, azione: "accesso.fallito" as const }))).run();
  return db;
}

const attori = (csv: string) => [...csv.matchAll(/persona(\d+)@x\.it/g)].map((m) => Number(m[1]));

describe("esportazione CSV del registro", () => {
  it("letta a pagine: ogni riga una volta sola, dalla più recente, come in un colpo solo", () => {
    const db = conRighe(25);
    const aPagine = righeCsv(db, {}, { perLettura: 4 });
    expect(aPagine).toBe(righeCsv(db, {}, { perLettura: 1000 }));
    expect(aPagine.startsWith(`\uFEFF${INTESTAZIONE_CSV}\r\n`)).toBe(true);
    expect(attori(aPagine)).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));
    expect(aPagine).not.toContain("Esportazione limitata");
  });

  it(`al massimo ${MAX_RIGHE_CSV.toLocaleString("it-IT")} righe, le più recenti, e il file lo dice`, () => {
    const db = conRighe(30);
    const csv = righeCsv(db, {}, { massimo: 10, perLettura: 3 });
    const linee = csv.trimEnd().split("\r\n");
    expect(linee).toHaveLength(12); // header, note, 10 rows
    const nota = "Il file contiene le 10 attività più recenti delle 30 filtrate: per le precedenti scaricalo di nuovo con le date «Dal» e «Al».";
    expect(linee[1]).toBe(["", "Bilancio Sociale", "Esportazione limitata", "", "", nota].map(campoCsv).join(";"));
    expect(attori(csv)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    expect(MAX_RIGHE_CSV).toBeLessThanOrEqual(100_000);
  });

  it("le righe sono lette solo quando servono: chi smette di leggere non fa leggere il resto", () => {
    const db = conRighe(50);
    const letture: string[] = [];
    const originale = db.select.bind(db);
    db.select = ((...a: Parameters<typeof db.select>) => {
      letture.push("select");
      return originale(...a);
    }) as typeof db.select;
    const linee = lineeCsv(db, {}, { perLettura: 5 });
    expect(linee.next().value).toBe(`\uFEFF${INTESTAZIONE_CSV}\r\n`);
    expect(letture).toHaveLength(0);
    for (let i = 0; i < 5; i++) linee.next();
    const dopoUnaPagina = letture.length;
    linee.return();
    expect(dopoUnaPagina).toBe(2); // the count, then one page of 5, not the other 45 rows
  });
});
