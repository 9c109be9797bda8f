import { describe, expect, it } from "vitest";
import { cacheControl, etag, etagCorrisponde, FILE_PUBBLICI, indirizzoRevisione, nomeFileScaricato, numeroRevisioneUrl } from "./file-pubblici";
import { sha256 } from "../sha256";

describe("file pubblici di un'edizione", () => {
  it("hanno i nomi e i tipi del contratto", () => {
    expect(Object.values(FILE_PUBBLICI).map((f) => [f.nome, f.contentType])).toEqual([
      ["dati.json", "application/json; charset=utf-8"],
      ["dati.csv", "text/csv; charset=utf-8"],
      ["dati.schema.json", "application/schema+json"],
      ["bilancio-sociale.pdf", "application/pdf"],
    ]);
  });

  it("un indirizzo di revisione è immutabile, l'ultima revisione si riconvalida presto", () => {
    expect(cacheControl(true)).toBe("public, max-age=31536000, immutable");
    expect(cacheControl(false)).toBe("public, max-age=60, must-revalidate");
  });

  it("l'ETag è l'impronta SHA-256 dei byte, la stessa di sha256sum", () => {
    const testo = '{\n  "à": 1\n}\n';
    expect(sha256(testo)).toBe(sha256(testo));
    expect(sha256(Buffer.from(testo, "utf8"))).toBe(sha256(testo));
    expect(etag("abc")).toBe('"abc"');
  });

  it("riconosce If-None-Match, anche in elenco, debole o *", () => {
    const tag = etag("abc");
    expect(etagCorrisponde('"abc"', tag)).toBe(true);
    expect(etagCorrisponde('"x", W/"abc"', tag)).toBe(true);
    expect(etagCorrisponde("*", tag)).toBe(true);
    expect(etagCorrisponde('"abcd"', tag)).toBe(false);
    expect(etagCorrisponde(null, tag)).toBe(false);
  });

  it("i file scaricati portano edizione e revisione nel nome", () => {
    expect(nomeFileScaricato("2014-2016", 1, "pdf")).toBe("bilancio-sociale-2014-2016-revisione-1.pdf");
    expect(nomeFileScaricato("2014-2016", 3, "csv")).toBe("bilancio-sociale-2014-2016-revisione-3.csv");
    expect(nomeFileScaricato('a"b/../c', 2, "csv")).toBe("bilancio-sociale-a-b-c-revisione-2.csv");
  });

  it("un numero di revisione nell'indirizzo è fatto di sole cifre", () => {
    expect(numeroRevisioneUrl("1")).toBe(1);
    expect(numeroRevisioneUrl("12")).toBe(12);
    for (const s of ["0", "01", "1.0", "1e3", "-1", "", "uno", "9999999"]) expect(numeroRevisioneUrl(s), s).toBeNull();
  });

  it("gli indirizzi di revisione", () => {
    expect(indirizzoRevisione("2014-2016", 2, "json")).toBe("/edizioni/2014-2016/revisioni/2/dati.json");
    expect(indirizzoRevisione("2014-2016", 2, "pdf")).toBe("/edizioni/2014-2016/revisioni/2/bilancio-sociale.pdf");
  });
});
