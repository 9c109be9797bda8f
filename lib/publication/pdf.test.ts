import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ARGOMENTI_CHROMIUM, cartellaPdf, chiavePdf, generazioniInCorso, indirizzoStampa, opzioniPdf, origineServer, PdfNonDisponibile, pdfEdizione, percorsoChromium, percorsoPdf } from "./pdf";

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
    expect(indirizzoStampa("2014-2016", 2, "http://127.0.0.1:3210")).toBe("http://127.0.0.1:3210/edizioni/2014-2016/revisioni/2/stampa");
  });

  it("l'indirizzo del server è quello su cui next start ascolta davvero (-p, -H), non una porta indovinata", () => {
    // `next start -p 4000` with PORT=3000 left in the environment: Next writes its real origin.
    expect(origineServer({ __NEXT_PRIVATE_ORIGIN: "http://localhost:4000", PORT: "3000" })).toBe("http://localhost:4000");
    expect(origineServer({ __NEXT_PRIVATE_ORIGIN: "http://10.0.0.5:4000" })).toBe("http://10.0.0.5:4000");
    // Without it (another way of serving): PORT on the loopback, 3000 by default.
    expect(origineServer({ PORT: "4000" })).toBe("http://127.0.0.1:4000");
    expect(origineServer({})).toBe("http://127.0.0.1:3000");
    // Never something that is not a bare origin.
    expect(origineServer({ __NEXT_PRIVATE_ORIGIN: "http://evil.example/x", PORT: "4000" })).toBe("http://127.0.0.1:4000");
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

/** A stand-in for a server: answers every path with a print page showing `impronta`, and counts requests. */
async function serverDiProva(impronta: string) {
  const richieste: string[] = [];
  const server = createServer((req, res) => {
    richieste.push(req.url ?? "");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="it"><title>Stampa</title><h1>Bilancio</h1><code data-testid="sha256-stampa">${impronta}</code></html>`);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return { origine: `http://127.0.0.1:${port}`, porta: port, richieste, chiudi: () => new Promise((ok) => server.close(ok)) };
}

describe.skipIf(!existsSync(percorsoChromium()))("pdfEdizione con Chromium", () => {
  it("stampa dal proprio indirizzo (next start -p), non da chi risponde su PORT, in un file 0600 di una cartella 0700", async () => {
    const nostro = await serverDiProva(SHA);
    const altro = await serverDiProva(SHA);
    const prima = { PORT: process.env.PORT, __NEXT_PRIVATE_ORIGIN: process.env.__NEXT_PRIVATE_ORIGIN };
    try {
      process.env.PORT = String(altro.porta);
      process.env.__NEXT_PRIVATE_ORIGIN = nostro.origine;
      const cartella = path.join(nuovaCartella(), "pdf");
      const byte = await pdfEdizione(richiesta, { cartella });
      expect(Buffer.from(byte.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
      expect(nostro.richieste).toContain("/edizioni/2014-2016/revisioni/1/stampa");
      expect(altro.richieste).toEqual([]);
      expect(statSync(cartella).mode & 0o777).toBe(0o700);
      expect(statSync(fileInCache(cartella)).mode & 0o777).toBe(0o600);
    } finally {
      for (const [k, v] of Object.entries(prima)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      await nostro.chiudi();
      await altro.chiudi();
    }
  }, 60_000);

  it("una pagina che non è la stampa di questa revisione non diventa il PDF", async () => {
    const estraneo = await serverDiProva("b".repeat(64));
    try {
      const cartella = nuovaCartella();
      const e = await pdfEdizione(richiesta, { cartella, origine: estraneo.origine }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PdfNonDisponibile);
      expect((e as PdfNonDisponibile).motivo).toBe("generazione");
      expect(readdirSync(cartella)).toEqual([]);
    } finally {
      await estraneo.chiudi();
    }
  }, 60_000);
});
