import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { unzipSync } from "fflate";
import { pagineDestinazioni, pdfEtichettato, segnalibri } from "../lib/sito/pdf-pagine";
import { controllaAccessibilita } from "./helpers";

// Revision 1 of the demo edition, at its own address: another spec publishes revision 2 meanwhile.
const SLUG = "2014-2016";
const R1 = `/edizioni/${SLUG}/revisioni/1`;
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
// The first test waits for the server to make the files after it starts (PDF, every page, ZIP).
test.describe.configure({ timeout: 400_000 });

/** The server makes the demo's files in the background after it starts. */
async function filePronti(request: APIRequestContext) {
  // A refused connection while the server is busy is one more "not yet".
  await expect.poll(() => request.get(`${R1}/SHA256SUMS`).then((r) => r.status(), () => 0), { timeout: 330_000, intervals: [2_000] }).toBe(200);
}

test("il sito scaricato funziona dal disco: dalla copertina a un ambito e alla tabella del suo grafico, senza richieste fuori dalla cartella", async ({ page, request }, info) => {
  await filePronti(request);
  const zip = await request.get(`${R1}/sito.zip`);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  const file = unzipSync(new Uint8Array(await zip.body()));
  const dove = info.outputPath("sito");
  for (const [nome, byte] of Object.entries(file)) {
    if (nome.endsWith("/")) continue;
    mkdirSync(path.dirname(path.join(dove, nome)), { recursive: true });
    writeFileSync(path.join(dove, nome), byte);
  }
  const cartella = Object.keys(file)[0].split("/")[0];
  const leggi = (nome: string) => file[`${cartella}/${nome}`];

  // SHA256SUMS checks every file, and names dati.json with the hash that was signed.
  const somme = Buffer.from(leggi("SHA256SUMS")).toString("utf8").trim().split("\n");
  for (const riga of somme) {
    const [impronta, nome] = riga.split("  ");
    expect(sha256(leggi(nome)), nome).toBe(impronta);
  }
  const firmata = sha256(await (await request.get(`${R1}/dati.json`)).body());
  expect(somme).toContain(`${firmata}  dati.json`);

  const richieste: string[] = [];
  page.on("request", (r) => richieste.push(r.url()));
  await page.goto(pathToFileURL(path.join(dove, cartella, "index.html")).href);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2014");
  await page.getByRole("navigation", { name: "Indice" }).getByRole("link", { name: "Offerta culturale e turistica" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offerta culturale e turistica");
  const tabella = page.getByRole("table", { name: "Dati del grafico: Partecipanti" });
  await expect(tabella.getByRole("row", { name: /2016/ })).toContainText("15.000");
  await expect(page.locator("figure svg").first()).toBeVisible();
  // Styled by the folder's own stylesheet.
  expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain("Titillium");
  // The integrity page of the site says the same hash as its SHA256SUMS.
  await page.goto(pathToFileURL(path.join(dove, cartella, "integrita", "index.html")).href);
  await expect(page.getByTestId("sha256")).toHaveText(firmata);
  expect(richieste.filter((u) => !u.startsWith("file://"))).toEqual([]);
});

test("le pagine pubbliche sono file: compresse, senza script, sotto la politica di sicurezza", async ({ page, request }) => {
  await filePronti(request);
  for (const codifica of ["br", "gzip"]) {
    const r = await request.get(`${R1}/dati.csv`, { headers: { "Accept-Encoding": codifica } });
    expect(r.headers()["content-encoding"]).toBe(codifica);
    expect(r.headers()["cache-control"]).toContain("immutable");
  }
  const r = await request.get(`${R1}`, { headers: { "Accept-Encoding": "gzip" } });
  expect(r.status()).toBe(200);
  await page.goto(`${R1}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2014");
  await controllaAccessibilita(page);
});

test("il PDF è fatto alla pubblicazione: segnalibri per parti, aree e ambiti, indice con i numeri di pagina giusti, etichettato", async ({ request }) => {
  await filePronti(request);
  const r = await request.get(`${R1}/bilancio-sociale.pdf`);
  expect(r.headers()["content-type"]).toBe("application/pdf");
  const pdf = new Uint8Array(await r.body());
  expect(await pdfEtichettato(pdf)).toBe(true);

  const outline = await segnalibri(pdf);
  const titoli = outline.map((s) => s.titolo);
  for (const atteso of ["Offerta culturale e turistica", "Rilancio delle istituzioni culturali"]) expect(titoli.some((t) => t.includes(atteso)), atteso).toBe(true);
  expect(titoli.filter((t) => /^Area \d/.test(t) || /Area \d/.test(t)).length).toBeGreaterThan(3);

  // The index's numbers, read as text, are the pages the headings are on.
  const { getDocument } = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  // Text with its baseline: the page number is right-aligned on the title's line.
  const righe: { testo: string; y: number }[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const c = await (await doc.getPage(n)).getTextContent();
    righe.push(c.items.flatMap((i) => ("str" in i && i.str.trim() ? [{ testo: i.str.trim(), y: Math.round(i.transform[5]) }] : [])));
  }
  const testi = righe.map((r) => r.map((x) => x.testo));
  const destinazioni = await pagineDestinazioni(pdf);
  const paginaDi = (titolo: string) => outline.find((s) => s.titolo.trim() === titolo)?.pagina;
  let controllate = 0;
  for (const titolo of ["Offerta culturale e turistica", "Rilancio delle istituzioni culturali", "Le persone al servizio della Città"]) {
    // In the index pages (the first few), the title's line ends with its page number.
    for (const pagina of righe.slice(0, 6)) {
      const voce = pagina.find((x) => x.testo === titolo);
      if (!voce) continue;
      const numero = Number(pagina.find((x) => /^\d+$/.test(x.testo) && Math.abs(x.y - voce.y) <= 2)?.testo);
      expect(numero, titolo).toBe(paginaDi(titolo));
      expect(testi[numero - 1].join(" "), titolo).toContain(titolo);
      controllate++;
      break;
    }
  }
  expect(controllate).toBeGreaterThanOrEqual(2);
  expect(destinazioni.size).toBeGreaterThan(10);
  // Every page says where it is: "Pagina n di N".
  expect(testi[4].join(" ")).toContain(`di ${doc.numPages}`);
});
