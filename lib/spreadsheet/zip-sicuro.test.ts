import { deflateRawSync } from "node:zlib";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { leggiFoglio, MAX_CELLE, MAX_RIGHE } from "./read";
import { contaRigheECelleXml, contaRigheXml, estraiZip, MAX_BYTE_ESPANSI } from "./zip-sicuro";

/** A minimal ZIP (deflate), as a hostile user would craft it; `dichiarato` lets an entry lie about its size. */
function zip(voci: { nome: string; testo: string | Buffer; dichiarato?: number }[]): Uint8Array {
  const locali: Buffer[] = [];
  const centrali: Buffer[] = [];
  let offset = 0;
  for (const v of voci) {
    const dati = Buffer.isBuffer(v.testo) ? v.testo : Buffer.from(v.testo);
    const compressi = deflateRawSync(dati);
    const nome = Buffer.from(v.nome);
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(8, 8);
    l.writeUInt32LE(compressi.length, 18);
    l.writeUInt32LE(v.dichiarato ?? dati.length, 22);
    l.writeUInt16LE(nome.length, 26);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(compressi.length, 20);
    c.writeUInt32LE(v.dichiarato ?? dati.length, 24);
    c.writeUInt16LE(nome.length, 28);
    c.writeUInt32LE(offset, 42);
    locali.push(l, nome, compressi);
    centrali.push(c, nome);
    offset += l.length + nome.length + compressi.length;
  }
  const dir = Buffer.concat(centrali);
  const e = Buffer.alloc(22);
  e.writeUInt32LE(0x06054b50, 0);
  e.writeUInt16LE(voci.length, 8);
  e.writeUInt16LE(voci.length, 10);
  e.writeUInt32LE(dir.length, 12);
  e.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locali, dir, e]));
}

describe("XLSX ostili", () => {
  it("una bomba (pochi kB che diventano più di 40 MB) è rifiutata, anche se dichiara dimensioni piccole", async () => {
    const bomba = zip([{ nome: "xl/worksheets/sheet1.xml", testo: Buffer.alloc(MAX_BYTE_ESPANSI + 1024 * 1024, 0x20), dichiarato: 100 }]);
    expect(bomba.length).toBeLessThan(200 * 1024);
    await expect(leggiFoglio("bomba.xlsx", bomba)).rejects.toThrow(/supera 40 MB/);
  });

  it("un foglio con più righe del massimo è rifiutato contando l'XML, prima di caricarlo", async () => {
    const righe = Array.from({ length: MAX_RIGHE + 1 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join("");
    const file = zip([{ nome: "xl/worksheets/sheet1.xml", testo: `<worksheet><sheetData>${righe}</sheetData></worksheet>` }]);
    await expect(leggiFoglio("righe.xlsx", file)).rejects.toThrow(/al massimo 5\.000/);
  });

  it("un foglio con poche righe ma troppe celle è rifiutato allo stesso modo (exceljs farebbe un oggetto per cella)", async () => {
    const colonne = Math.ceil((MAX_CELLE + 1) / 10);
    const riga = (r: number) => `<row r="${r}">${Array.from({ length: colonne }, () => "<c><v>1</v></c>").join("")}</row>`;
    const file = zip([{ nome: "xl/worksheets/sheet1.xml", testo: `<worksheet><sheetData>${Array.from({ length: 10 }, (_, i) => riga(i + 1)).join("")}</sheetData></worksheet>` }]);
    await expect(leggiFoglio("celle.xlsx", file)).rejects.toThrow(/celle: se ne possono importare al massimo 200\.000/);
    expect(contaRigheECelleXml(new TextEncoder().encode('<row><c r="A1"/><c><v>2</v></c><col/><cols/></row>'))).toEqual({ righe: 1, celle: 2 });
  });

  it("un archivio danneggiato ha un messaggio italiano", async () => {
    await expect(leggiFoglio("rotto.xlsx", new Uint8Array([0x50, 0x4b, 1, 2, 3]))).rejects.toThrow(/non è un foglio Excel/);
    expect(() => estraiZip(new Uint8Array(10))).toThrow(/non è un foglio Excel/);
  });

  it("un vero file Excel passa il controllo e si legge come prima", async () => {
    const dati = new Uint8Array(readFileSync("lib/spreadsheet/fixtures/indicatori.xlsx"));
    const voci = estraiZip(dati);
    expect(voci.some((v) => v.nome === "xl/worksheets/sheet1.xml")).toBe(true);
    expect((await leggiFoglio("indicatori.xlsx", dati)).length).toBeGreaterThan(1);
  });

  it("conta le righe senza confondere <row> con altri elementi", () => {
    expect(contaRigheXml(new TextEncoder().encode('<rows><row r="1"/><row>x</row><rowBreaks/></rows>'))).toBe(2);
  });
});
