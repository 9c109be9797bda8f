import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ARGOMENTI_CHROMIUM, cartellaPdf, chiavePdf, generazioniInCorso, indirizzoStampa, opzioniPdf, PdfNonDisponibile, pdfEdizione, percorsoChromium, percorsoPdf } from "./pdf";

const SHA = "a".repeat(64);
const cartelle: string[] = [];
const nuovaCartella = () => {
  const c = mkdtempSync(path.join(tmpdir(), "pdf-test-"));
  cartelle.push(c);
  return c;
};
afterEach(() => cartelle.splice(0).forEach((c) => rmSync(c, { recursive: true, force: true })));

const richiesta = {
  slug: "2014-2016",
  revisione: 1,
  sha256: SHA,
  ente: "Comune di Cremona",
  titolo: "Bilancio Sociale 2014–2016",
  firma: { nome: "Rosita Viola", firmataIl: "2017-06-02T10:15:00.000Z" },
  pubblicataIl: "2017-06-02T10:20:00.000Z",
  modifiche: null,
};
const fileInCache = (cartella: string) => path.join(cartella, `${chiavePdf(richiesta)}.pdf`);

describe("dove stanno i PDF", () => {
  it("in data/pdf accanto al database, con il nome della chiave", () => {
    expect(cartellaPdf("/srv/bilancio/data/bilancio.sqlite")).toBe("/srv/bilancio/data/pdf");
    expect(cartellaPdf("data/bilancio.sqlite")).toBe(path.resolve("data/pdf"));
    expect(percorsoPdf(SHA, "/srv/data/pdf")).toBe(`/srv/data/pdf/${SHA}.pdf`);
  });

  it("la chiave cambia con tutto ciò che il PDF stampa, non con il resto", () => {
    const k = chiavePdf(richiesta);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(chiavePdf({ ...richiesta })).toBe(k);
    expect(chiavePdf({ ...richiesta, sha256: "b".repeat(64) })).not.toBe(k);
    // Same content signed again (a fresh database): another cover, another PDF.
    expect(chiavePdf({ ...richiesta, firma: { ...richiesta.firma, firmataIl: "2017-06-03T09:00:00.000Z" } })).not.toBe(k);
    expect(chiavePdf({ ...richiesta, firma: { ...richiesta.firma, nome: "Altro Assessore" } })).not.toBe(k);
    expect(chiavePdf({ ...richiesta, pubblicataIl: "2017-06-04T00:00:00.000Z" })).not.toBe(k);
    expect(chiavePdf({ ...richiesta, modifiche: "Corretto un numero" })).not.toBe(k);
  });

  it("un'impronta che non è SHA-256 esadecimale non diventa mai un percorso", () => {
    expect(() => percorsoPdf("../../etc/passwd")).toThrow(/non valida/);
    expect(() => percorsoPdf(SHA.toUpperCase())).toThrow(/non valida/);
    expect(() => percorsoPdf(SHA.slice(1))).toThrow(/non valida/);
  });
});

describe("come si genera", () => {
  it("Chromium di Debian, o CHROMIUM_PATH, con gli argomenti dei test e2e", () => {
    expect(percorsoChromium({})).toBe("/usr/bin/chromium");
    expect(percorsoChromium({ CHROMIUM_PATH: "/opt/chrome/chrome" })).toBe("/opt/chrome/chrome");
    expect(ARGOMENTI_CHROMIUM).toEqual(["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]);
  });

  it("stampa la pagina di stampa della revisione su questo server", () => {
    expect(indirizzoStampa("2014-2016", 2, 3210)).toBe("http://127.0.0.1:3210/edizioni/2014-2016/revisioni/2/stampa");
  });

  it("A4, con sfondi, intestazione e numeri di pagina, con il testo messo al sicuro", () => {
    const o = opzioniPdf({ ente: "Comune di <Prova> & C.", titolo: "Bilancio \"2014\"", revisione: 2 });
    expect(o).toMatchObject({ format: "A4", printBackground: true, displayHeaderFooter: true, tagged: true, outline: true });
    expect(o.margin).toEqual({ top: "18mm", right: "16mm", bottom: "18mm", left: "16mm" });
    expect(o.headerTemplate).toContain("Comune di &lt;Prova&gt; &amp; C. · Bilancio &quot;2014&quot; · revisione 2");
    expect(o.footerTemplate).toContain('Pagina <span class="pageNumber"></span> di <span class="totalPages"></span>');
    expect(o.headerTemplate).toMatch(/font-size: 8pt/);
  });
});

describe("pdfEdizione", () => {
  it("serve il PDF già generato dalla cache, senza avviare Chromium", async () => {
    const cartella = nuovaCartella();
    const byte = Buffer.from("%PDF-1.7\n% già generato\n");
    writeFileSync(fileInCache(cartella), byte);
    const letto = await pdfEdizione(richiesta, { cartella, chromium: path.join(cartella, "nessun-chromium") });
    expect(Buffer.from(letto).equals(byte)).toBe(true);
  });

  it("senza Chromium risponde PdfNonDisponibile con un messaggio in italiano, e le richieste contemporanee ne condividono una", async () => {
    const cartella = nuovaCartella();
    const o = { cartella, chromium: path.join(cartella, "nessun-chromium") };
    const [ea, eb] = await Promise.allSettled([pdfEdizione(richiesta, o), pdfEdizione(richiesta, o)]);
    // One generation for both: the very same error object.
    expect((ea as PromiseRejectedResult).reason).toBe((eb as PromiseRejectedResult).reason);
    for (const e of [ea, eb]) {
      expect(e.status).toBe("rejected");
      const errore = (e as PromiseRejectedResult).reason;
      expect(errore).toBeInstanceOf(PdfNonDisponibile);
      expect(errore.motivo).toBe("chromium-assente");
      expect(errore.messaggio).toMatch(/^Il PDF non è disponibile/);
    }
    expect(generazioniInCorso()).toBe(0);
    expect(readdirSync(cartella)).toEqual([]);
  });

  it("un file in cache che non è un PDF non viene servito", async () => {
    const cartella = nuovaCartella();
    writeFileSync(fileInCache(cartella), "<html>errore</html>");
    await expect(pdfEdizione(richiesta, { cartella, chromium: path.join(cartella, "nessun-chromium") })).rejects.toBeInstanceOf(PdfNonDisponibile);
  });
});
