import { describe, expect, it } from "vitest";
import { cellaFoglio, rigaFoglio } from "./csv-foglio";

/**
 * The cells a spreadsheet would see in a line of the file, splitting it on `separatore`
 * with a careless reader that ignores quotes (the worst case: an import wizard told to
 * split on tab, or a line break taken as the end of the row).
 */
const celleGrezze = (testo: string, separatore: RegExp) => testo.split(separatore).map((c) => c.replace(/^[ "]+/, ""));
const formula = (cella: string) => /^[=+\-@\t\r]/.test(cella);

describe("CSV per un foglio di calcolo", () => {
  it("racchiude ogni campo tra virgolette e raddoppia quelle interne", () => {
    expect(cellaFoglio("semplice")).toBe('"semplice"');
    expect(cellaFoglio('Il "Torrazzo"')).toBe('"Il ""Torrazzo"""');
    expect(cellaFoglio(4)).toBe('"4"');
    expect(cellaFoglio(null)).toBe('""');
    expect(cellaFoglio(undefined)).toBe('""');
    expect(rigaFoglio(["a", 1, null], ";")).toBe('"a";"1";""');
    expect(rigaFoglio(["a", "b"], ",")).toBe('"a","b"');
  });

  it("disinnesca una formula all'inizio del campo", () => {
    for (const s of ["=1+1", "+1", "-2", "@SUM(A1)", "\t=1", "\r=1"]) expect(cellaFoglio(s), JSON.stringify(s)).toBe(`"'${s}"`);
    expect(cellaFoglio("=cmd|' /C calc'!A0")).toBe(`"'=cmd|' /C calc'!A0"`);
  });

  it("disinnesca una formula dopo ogni separatore dentro il campo: ; , tabulazione, a capo", () => {
    expect(cellaFoglio("x;=1+1;y")).toBe(`"x;'=1+1;y"`);
    expect(cellaFoglio("x,+1")).toBe(`"x,'+1"`);
    expect(cellaFoglio("a\t=1+1")).toBe(`"a\t'=1+1"`);
    expect(cellaFoglio("riga\n@A1")).toBe(`"riga\n'@A1"`);
    expect(cellaFoglio("riga\r\n-1")).toBe(`"riga\r\n'-1"`);
    // A tab is both a separator and a formula's start: after a ";" it is defused, and so is what follows it.
    expect(cellaFoglio("a;\t=1")).toBe(`"a;'\t'=1"`);
    // Behind spaces or quotes a reader may trim.
    expect(cellaFoglio('x;"=1')).toBe(`"x;'""=1"`);
    expect(cellaFoglio(" =1")).toBe(`"' =1"`);
    // Text that merely contains the characters is left alone.
    expect(cellaFoglio("3 - 2 = 1; a+b")).toBe('"3 - 2 = 1; a+b"');
  });

  it("nessuna cella inizia con una formula, comunque il foglio divida la riga", () => {
    const cattivi = ["x;=1+1;y", "a\t=1+1", "x,=HYPERLINK(\"http://x\")", "=1", "a\n=1", "a\r\n+1", "a;\t=1", ";;-1", "\t\t@x", ",\r=1", 'x;"=1', "a; \"+1", "\"=1"];
    const riga = rigaFoglio(cattivi, ";");
    for (const separatore of [/;/, /,/, /\t/, /\r\n|\r|\n/, /[;,\t\r\n]/]) {
      const celle = celleGrezze(riga, separatore);
      expect(celle.filter(formula), String(separatore)).toEqual([]);
    }
  });
});
