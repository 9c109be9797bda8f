/**
 * Open data that catalogues harvest, on the real server: the DCAT-AP_IT documents
 * of the published edition parse as RDF and name each distribution with the
 * SHA-256 of the bytes actually served; sitemap.xml and robots.txt; the public
 * pages' metadata; the amministratore's choice of licence reaching the catalogue.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import jsonld from "jsonld";
import { Parser, type Quad } from "n3";
import { EDIZIONE_PUBBLICATA as SLUG } from "../db/demo/edizioni";
import { accedi, controllaAccessibilita } from "./helpers";

const DCAT = "http://www.w3.org/ns/dcat#";
const DCT = "http://purl.org/dc/terms/";
const SPDX = "http://spdx.org/rdf/terms#";
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const FORMATO = "http://publications.europa.eu/resource/authority/file-type/";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function quadJsonLd(request: APIRequestContext, percorso: string): Promise<Quad[]> {
  const r = await request.get(percorso);
  expect(r.status(), percorso).toBe(200);
  expect(r.headers()["content-type"]).toBe("application/ld+json");
  const documentLoader = () => {
    throw new Error("il documento DCAT non deve caricare contesti remoti");
  };
  const nquads = (await jsonld.toRDF(await r.json(), { format: "application/n-quads", documentLoader } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: "N-Quads" }).parse(nquads);
}

/** Each distribution of the edition's dataset: format, addresses, checksum, licence. */
function distribuzioni(quad: Quad[]) {
  const di = (s: string, p: string) => quad.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
  const [dataset] = quad.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Dataset`).map((q) => q.subject.value);
  return di(dataset, `${DCAT}distribution`).map((d) => {
    const [checksum] = di(d, `${SPDX}checksum`);
    return {
      formato: di(d, `${DCT}format`)[0]?.replace(FORMATO, ""),
      mediaType: di(d, `${DCAT}mediaType`)[0],
      accesso: new URL(di(d, `${DCAT}accessURL`)[0]).pathname,
      download: new URL(di(d, `${DCAT}downloadURL`)[0]).pathname,
      algoritmo: checksum ? di(checksum, `${SPDX}algorithm`)[0] : undefined,
      sha256: checksum ? di(checksum, `${SPDX}checksumValue`)[0] : undefined,
      licenza: di(d, `${DCT}license`)[0],
    };
  });
}

test("il DCAT-AP_IT dell'edizione si legge come RDF e nomina ogni distribuzione con l'impronta dei byte serviti", async ({ request }) => {
  const ds = distribuzioni(await quadJsonLd(request, `/edizioni/${SLUG}/dcat.jsonld`));
  expect(ds.map((d) => d.formato).sort()).toEqual(["CSV", "JSON", "PDF"]);
  for (const d of ds) {
    expect(d.mediaType).toMatch(/^https:\/\/www\.iana\.org\/assignments\/media-types\/(application\/json|text\/csv|application\/pdf)$/);
    expect(d.licenza).toBeTruthy();
  }
  for (const formato of ["JSON", "CSV"]) {
    const d = ds.find((x) => x.formato === formato)!;
    expect(d.algoritmo).toBe(`${SPDX}checksumAlgorithm_sha256`);
    // The revision's own address: its bytes never change, so the checksum holds for it always.
    expect(sha256(await (await request.get(d.download)).body()), d.download).toBe(d.sha256);
  }
  // The latest address, as a reader downloads it (an erratum published meanwhile by another spec changes both: ask again).
  await expect
    .poll(async () => {
      const json = distribuzioni(await quadJsonLd(request, `/edizioni/${SLUG}/dcat.jsonld`)).find((d) => d.formato === "JSON")!;
      expect(json.accesso).toBe(`/edizioni/${SLUG}/dati.json`);
      return json.sha256 === sha256(await (await request.get(json.accesso)).body());
    })
    .toBe(true);

  // The same description in Turtle, and the whole catalogue in both forms.
  const ttl = await request.get(`/edizioni/${SLUG}/dcat.ttl`);
  expect(ttl.headers()["content-type"]).toBe("text/turtle; charset=utf-8");
  const daTurtle = new Parser({ format: "text/turtle" }).parse(await ttl.text());
  expect(distribuzioni(daTurtle).find((d) => d.formato === "CSV")!.sha256).toMatch(/^[0-9a-f]{64}$/);
  const catalogo = await quadJsonLd(request, "/edizioni/catalogo.jsonld");
  expect(catalogo.filter((q) => q.predicate.value === `${DCAT}dataset`).map((q) => new URL(q.object.value).pathname)).toContain(`/edizioni/${SLUG}`);
  const catalogoTtl = new Parser({ format: "text/turtle" }).parse(await (await request.get("/edizioni/catalogo.ttl")).text());
  expect(catalogoTtl.some((q) => q.predicate.value === RDF_TYPE && q.object.value === `${DCAT}Catalog`)).toBe(true);

  expect((await request.get("/edizioni/2099-2101/dcat.jsonld")).status()).toBe(404);
});

test("sitemap.xml elenca le pagine pubblicate, robots.txt la nomina e tiene fuori l'applicazione riservata", async ({ request }) => {
  const dati = await (await request.get(`/edizioni/${SLUG}/dati.json`)).json();
  const parte = dati.parti.find((p: { aree: unknown[] }) => p.aree.length > 0);
  const ambito = `/edizioni/${SLUG}/${parte.codice}/${parte.aree[0].ambiti[0].sezione.codice}`;

  const r = await request.get("/sitemap.xml");
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toContain("xml");
  const xml = await r.text();
  const percorsi = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
  expect(percorsi).toEqual(expect.arrayContaining(["/edizioni", `/edizioni/${SLUG}`, `/edizioni/${SLUG}/integrita`, `/edizioni/${SLUG}/revisioni/1`, ambito]));
  expect(xml).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}T/);
  expect(percorsi.filter((p) => !p.startsWith("/edizioni"))).toEqual([]);
  // Every listed page of the edition exists.
  for (const p of percorsi.slice(0, 12)) expect((await request.get(p)).status(), p).toBe(200);

  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Sitemap: https?:\/\/[^\s]+\/sitemap\.xml$/m);
  expect(robots).toMatch(/^Allow: \/edizioni$/m);
  for (const riservato of ["/api/", "/amministrazione", "/sezioni", "/edizione/", "/revisione", "/registro"]) expect(robots).toContain(`Disallow: ${riservato}\n`);
});

test("le pagine pubbliche dicono titolo, descrizione e lingua; la copertina rimanda al DCAT", async ({ request }) => {
  const copertina = await (await request.get(`/edizioni/${SLUG}`)).text();
  expect(copertina).toMatch(/<html lang="it"/);
  const alternativa = (copertina.match(/<link[^>]*>/g) ?? []).find((l) => l.includes('rel="alternate"') && l.includes('type="application/ld+json"'));
  expect(alternativa?.match(/href="([^"]+)"/)?.[1]).toMatch(new RegExp(`^https?://[^/]+/edizioni/${SLUG}/dcat\\.jsonld$`));
  expect(copertina).toContain(`href="/edizioni/${SLUG}/dcat.jsonld"`);
  for (const p of ["/edizioni", `/edizioni/${SLUG}`, `/edizioni/${SLUG}/integrita`, `/edizioni/${SLUG}/revisioni/1`]) {
    const html = await (await request.get(p)).text();
    expect(html, p).toMatch(/<title>[^<]+<\/title>/);
    const descrizione = html.match(/<meta name="description" content="([^"]+)"/)?.[1] ?? "";
    expect(descrizione, p).not.toContain("Scrivere, rivedere");
    expect(descrizione.length, p).toBeGreaterThan(40);
  }
});

/** Bootstrap Italia draws the radio on its label (the input itself is hidden): a person clicks the label. */
async function scegli(page: Page, etichetta: string) {
  await page.locator("label.form-check-label", { hasText: etichetta }).click();
  await expect(page.getByLabel(etichetta)).toBeChecked();
}

test("l'amministratore sceglie la licenza dei dati aperti e il catalogo DCAT la indica per ogni distribuzione", async ({ page, request }) => {
  const licenze = async () => new Set(distribuzioni(await quadJsonLd(request, `/edizioni/${SLUG}/dcat.jsonld`)).map((d) => d.licenza));
  await accedi(page, "amministratore@cremona.example");
  await page.goto("/amministrazione");
  await page.getByRole("link", { name: "Dati aperti" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dati aperti");
  await controllaAccessibilita(page);
  try {
    await scegli(page, "Italian Open Data License v2.0 (IODL 2.0)");
    await page.getByRole("button", { name: "Salva la licenza" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Licenza salvata." })).toBeVisible();
    await expect.poll(licenze).toEqual(new Set(["https://www.dati.gov.it/iodl/2.0/"]));
    await page.reload();
    await expect(page.getByLabel("Italian Open Data License v2.0 (IODL 2.0)")).toBeChecked();
    await expect(page.getByText("Licenza attuale: Italian Open Data License v2.0 (IODL 2.0).")).toBeVisible();
  } finally {
    // Back to the default, for the other specs.
    await page.goto("/amministrazione/dati-aperti");
    await scegli(page, "Creative Commons Attribuzione 4.0 Internazionale (CC BY 4.0)");
    await page.getByRole("button", { name: "Salva la licenza" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Licenza salvata\.|La licenza era già questa\./ })).toBeVisible();
  }
  expect(await licenze()).toEqual(new Set(["https://creativecommons.org/licenses/by/4.0/"]));
});
