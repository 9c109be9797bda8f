import jsonld from "jsonld";
import { Parser, type Quad } from "n3";
import { describe, expect, it } from "vitest";
import { ente } from "../../db/schema";
import { sha256 } from "../sha256";
import { datiCsv } from "../publication/csv";
import { edizionePubblicata } from "../publication/prova-pubblicata";
import { pubblicazione } from "../publication/queries";
import { grafoDelCatalogo, grafoDiEdizione } from "./catalogo";
import { grafoCatalogo, grafoEdizione, identificativoEnte, iriTurtle, jsonLd, PREFISSI, stringaTurtle, testoJsonLd, turtle, type ContestoDcat, type EdizioneDcat } from "./dcat";
import { distribuzioniRevisione } from "./distribuzioni";
import { ID_LICENZE, LICENZE, licenza, type Licenza } from "./licenze";
import { rispostaDcatEdizione } from "./risposta";

const { dcat, dct, spdx, xsd, schema, foaf } = PREFISSI;
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const BASE = "https://bilancio.comune.example";

const SHA_JSON = "a".repeat(64);
const SHA_CSV = "b".repeat(64);

const contesto = (l: Licenza = LICENZE["CC-BY-4.0"]): ContestoDcat => ({ base: BASE, ente: { nome: "Comune di Cremona" }, licenza: l });
const edizione = (slug = "2014-2016", altro: Partial<EdizioneDcat> = {}): EdizioneDcat => ({
  slug,
  titolo: "Bilancio Sociale 2014–2016",
  annoInizio: 2014,
  annoFine: 2016,
  revisione: 2,
  sha256: SHA_JSON,
  primaPubblicazione: "2017-06-30T10:00:00.000Z",
  // 23:30 UTC is already the next day in Italy.
  ultimaPubblicazione: "2017-09-14T23:30:00.000Z",
  file: [
    { tipo: "json", byteSize: 1234, sha256: SHA_JSON },
    { tipo: "csv", byteSize: 987, sha256: SHA_CSV },
    { tipo: "pdf" },
  ],
  ...altro,
});

/** No network, ever: the context is inline. */
const nessunaRete = () => {
  throw new Error("Il documento JSON-LD non deve caricare contesti remoti");
};

async function quadDaJsonLd(doc: object): Promise<Quad[]> {
  const nquads = (await jsonld.toRDF(doc as jsonld.JsonLdDocument, { format: "application/n-quads", documentLoader: nessunaRete } as jsonld.Options.ToRdf)) as unknown as string;
  return new Parser({ format: "N-Quads" }).parse(nquads);
}

const quadDaTurtle = (ttl: string): Quad[] => new Parser({ format: "text/turtle" }).parse(ttl);

/** A tiny query helper over parsed triples. */
function grafo(quad: Quad[]) {
  const oggetti = (s: string, p: string) => quad.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
  const uno = (s: string, p: string) => {
    const o = oggetti(s, p);
    expect(o, `${s} ${p}`).toHaveLength(1);
    return o[0];
  };
  const soggetti = (p: string, o: string) => quad.filter((q) => q.predicate.value === p && q.object.value === o).map((q) => q.subject.value);
  return { oggetti, uno, soggetti, quad };
}

/** Every triple in a form where blank nodes are named by what they hang from, to compare two parses. */
function normalizzati(quad: Quad[]): string[] {
  const padre = new Map<string, string>();
  for (const q of quad) if (q.object.termType === "BlankNode") padre.set(q.object.value, `${q.subject.value}>${q.predicate.value}`);
  const nome = (t: Quad["subject"] | Quad["object"]) =>
    t.termType === "BlankNode" ? `_:${padre.get(t.value)}` : t.termType === "Literal" ? `"${t.value}"@${t.language}^^${t.datatype.value}` : t.value;
  return quad.map((q) => `${nome(q.subject)} ${q.predicate.value} ${nome(q.object)}`).sort();
}

function controllaDistribuzioni(g: ReturnType<typeof grafo>, attese: Record<string, { media: string; formato: string; sha?: string; byte?: number }>) {
  const dataset = g.soggetti(RDF_TYPE, `${dcat}Dataset`);
  expect(dataset).toHaveLength(1);
  const distribuzioni = g.oggetti(dataset[0], `${dcat}distribution`).map((o) => o.value);
  expect(distribuzioni).toHaveLength(Object.keys(attese).length);
  for (const d of distribuzioni) {
    expect(g.oggetti(d, RDF_TYPE).map((o) => o.value)).toEqual(expect.arrayContaining([`${dcat}Distribution`, "http://dati.gov.it/onto/dcatapit#Distribution"]));
    const download = g.uno(d, `${dcat}downloadURL`).value;
    const nome = download.split("/").pop()!;
    const a = attese[nome];
    expect(a, `distribuzione inattesa ${download}`).toBeDefined();
    expect(g.uno(d, `${dcat}mediaType`).value).toBe(`https://www.iana.org/assignments/media-types/${a.media}`);
    expect(g.uno(d, `${dct}format`).value).toBe(`http://publications.europa.eu/resource/authority/file-type/${a.formato}`);
    expect(g.uno(d, `${dcat}accessURL`).value).toMatch(/^https:\/\//);
    expect(download).toMatch(/^https:\/\/.*\/revisioni\/\d+\//);
    const checksum = g.oggetti(d, `${spdx}checksum`);
    if (a.sha) {
      expect(checksum).toHaveLength(1);
      expect(g.uno(checksum[0].value, RDF_TYPE).value).toBe(`${spdx}Checksum`);
      expect(g.uno(checksum[0].value, `${spdx}algorithm`).value).toBe(`${spdx}checksumAlgorithm_sha256`);
      const valore = g.uno(checksum[0].value, `${spdx}checksumValue`);
      expect(valore.value).toBe(a.sha);
      expect(valore.termType === "Literal" && valore.datatype.value).toBe(`${xsd}hexBinary`);
    } else {
      expect(checksum).toHaveLength(0);
    }
    if (a.byte !== undefined) expect(Number(g.uno(d, `${dcat}byteSize`).value)).toBe(a.byte);
    expect(g.uno(d, `${dct}license`).value).toBe("https://creativecommons.org/licenses/by/4.0/");
  }
}

describe("DCAT-AP_IT di un'edizione", () => {
  const nodi = grafoEdizione(contesto(), edizione());
  const ATTESE = {
    "dati.json": { media: "application/json", formato: "JSON", sha: SHA_JSON, byte: 1234 },
    "dati.csv": { media: "text/csv", formato: "CSV", sha: SHA_CSV, byte: 987 },
    "bilancio-sociale.pdf": { media: "application/pdf", formato: "PDF" },
  };

  it("il JSON-LD si legge come RDF senza rete e nomina ogni distribuzione con la sua impronta e il suo tipo", async () => {
    const doc = JSON.parse(testoJsonLd(nodi));
    expect(typeof doc["@context"]).toBe("object");
    controllaDistribuzioni(grafo(await quadDaJsonLd(doc)), ATTESE);
  });

  it("il Turtle si legge con n3 e dice le stesse triple del JSON-LD", async () => {
    const daTurtle = quadDaTurtle(turtle(nodi));
    controllaDistribuzioni(grafo(daTurtle), ATTESE);
    expect(normalizzati(daTurtle)).toEqual(normalizzati(await quadDaJsonLd(jsonLd(nodi))));
  });

  it("licenza, copertura temporale, editore, titolare, temi, frequenza, lingua e date", async () => {
    const g = grafo(await quadDaJsonLd(jsonLd(nodi)));
    const ds = `${BASE}/edizioni/2014-2016#dati`;
    expect(g.oggetti(ds, RDF_TYPE).map((o) => o.value).sort()).toEqual([`${dcat}Dataset`, "http://dati.gov.it/onto/dcatapit#Dataset"].sort());
    expect(g.uno(ds, `${dct}identifier`).value).toBe("comune-di-cremona:bilancio-sociale-2014-2016");
    expect(g.uno(ds, `${dct}title`)).toMatchObject({ value: "Bilancio Sociale 2014–2016 – Comune di Cremona", language: "it" });
    expect(g.uno(ds, `${dct}description`).value).toContain(SHA_JSON);

    const periodo = g.uno(ds, `${dct}temporal`).value;
    expect(g.uno(periodo, RDF_TYPE).value).toBe(`${dct}PeriodOfTime`);
    expect(g.uno(periodo, `${dcat}startDate`)).toMatchObject({ value: "2014-01-01", datatype: { value: `${xsd}date` } });
    expect(g.uno(periodo, `${dcat}endDate`)).toMatchObject({ value: "2016-12-31", datatype: { value: `${xsd}date` } });
    expect(g.uno(periodo, `${schema}startDate`).value).toBe("2014-01-01");

    const l = "https://creativecommons.org/licenses/by/4.0/";
    expect(g.oggetti(l, RDF_TYPE).map((o) => o.value)).toContain("http://dati.gov.it/onto/dcatapit#LicenseDocument");
    expect(g.uno(l, `${dct}type`).value).toBe("http://purl.org/adms/licencetype/Attribution");
    expect(g.uno(l, `${foaf}name`).value).toContain("CC BY 4.0");

    const editore = g.uno(ds, `${dct}publisher`).value;
    expect(g.uno(ds, `${dct}rightsHolder`).value).toBe(editore);
    expect(g.oggetti(editore, RDF_TYPE).map((o) => o.value)).toContain("http://dati.gov.it/onto/dcatapit#Agent");
    expect(g.uno(editore, `${dct}identifier`).value).toBe("comune-di-cremona");
    expect(g.uno(editore, `${foaf}name`).value).toBe("Comune di Cremona");

    expect(g.oggetti(ds, `${dcat}theme`).map((o) => o.value).sort()).toEqual([
      "http://publications.europa.eu/resource/authority/data-theme/GOVE",
      "http://publications.europa.eu/resource/authority/data-theme/SOCI",
    ]);
    expect(g.uno(ds, `${dct}accrualPeriodicity`).value).toBe("http://publications.europa.eu/resource/authority/frequency/IRREG");
    expect(g.uno(ds, `${dct}language`).value).toBe("http://publications.europa.eu/resource/authority/language/ITA");
    expect(g.uno(ds, `${dct}issued`)).toMatchObject({ value: "2017-06-30", datatype: { value: `${xsd}date` } });
    // The day in Italy, not in UTC.
    expect(g.uno(ds, `${dct}modified`).value).toBe("2017-09-15");
    expect(g.uno(ds, `${dcat}landingPage`).value).toBe(`${BASE}/edizioni/2014-2016`);
    const contatto = g.uno(ds, `${dcat}contactPoint`).value;
    expect(g.uno(contatto, "http://www.w3.org/2006/vcard/ns#fn").value).toContain("Comune di Cremona");

    const cat = g.soggetti(RDF_TYPE, `${dcat}Catalog`);
    expect(cat).toEqual([`${BASE}/edizioni#catalogo`]);
    expect(g.oggetti(cat[0], `${dcat}dataset`).map((o) => o.value)).toEqual([ds]);
    expect(g.uno(cat[0], `${dct}publisher`).value).toBe(editore);
  });

  it("le distribuzioni puntano all'indirizzo dell'ultima revisione e a quello, immutabile, della revisione descritta", async () => {
    const g = grafo(await quadDaJsonLd(jsonLd(nodi)));
    const json = `${BASE}/edizioni/2014-2016#distribuzione-json`;
    expect(g.uno(json, `${dcat}accessURL`).value).toBe(`${BASE}/edizioni/2014-2016/dati.json`);
    expect(g.uno(json, `${dcat}downloadURL`).value).toBe(`${BASE}/edizioni/2014-2016/revisioni/2/dati.json`);
    expect(g.uno(json, `${dct}conformsTo`).value).toBe(`${BASE}/edizioni/2014-2016/dati.schema.json`);
    expect(g.oggetti(`${BASE}/edizioni/2014-2016#distribuzione-csv`, `${dct}conformsTo`)).toHaveLength(0);
  });

  it("la licenza scelta dall'ente è quella di ogni distribuzione", async () => {
    const g = grafo(await quadDaJsonLd(jsonLd(grafoEdizione(contesto(LICENZE["CC0-1.0"]), edizione()))));
    const licenze = g.quad.filter((q) => q.predicate.value === `${dct}license`).map((q) => q.object.value);
    expect(new Set(licenze)).toEqual(new Set(["https://creativecommons.org/publicdomain/zero/1.0/"]));
    expect(licenze).toHaveLength(3);
    expect(g.uno("https://creativecommons.org/publicdomain/zero/1.0/", `${dct}type`).value).toBe("http://purl.org/adms/licencetype/PublicDomain");
  });

  it("il codice IPA, se noto, identifica l'ente; altrimenti il suo nome", () => {
    expect(identificativoEnte({ nome: "Comune di Cremona", codiceIpa: "c_d150" })).toBe("c_d150");
    expect(identificativoEnte({ nome: "Comune di Città di Castello" })).toBe("comune-di-citta-di-castello");
    expect(identificativoEnte({ nome: "  " })).toBe("ente");
  });

  it("testi con virgolette, a capo e barre restano intatti in Turtle; gli IRI sono sempre validi", async () => {
    const strano = 'Il "Bilancio"\\ sociale\r\n\tfine\u0001';
    const nodiStrani = grafoEdizione({ ...contesto(), ente: { nome: strano } }, edizione("prova", { titolo: strano }));
    const g = grafo(quadDaTurtle(turtle(nodiStrani)));
    expect(g.uno(`${BASE}/edizioni#ente`, `${foaf}name`).value).toBe(strano);
    expect(normalizzati(g.quad)).toEqual(normalizzati(await quadDaJsonLd(jsonLd(nodiStrani))));
    expect(stringaTurtle('a"b')).toBe('"a\\"b"');
    expect(iriTurtle("http://x/a b<c>")).toBe("<http://x/a%20b%3Cc%3E>");
  });
});

describe("DCAT-AP_IT del catalogo", () => {
  it("un dataset per edizione, ognuno con le sue distribuzioni; date del catalogo dalla prima e dall'ultima pubblicazione", async () => {
    const a = edizione("2014-2016");
    const b = edizione("2017-2019", { titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019, revisione: 1, primaPubblicazione: "2020-05-01T08:00:00.000Z", ultimaPubblicazione: "2020-05-01T08:00:00.000Z" });
    const nodi = grafoCatalogo(contesto(), [b, a]);
    for (const q of [await quadDaJsonLd(jsonLd(nodi)), quadDaTurtle(turtle(nodi))]) {
      const g = grafo(q);
      const cat = `${BASE}/edizioni#catalogo`;
      expect(g.oggetti(cat, `${dcat}dataset`).map((o) => o.value).sort()).toEqual([`${BASE}/edizioni/2014-2016#dati`, `${BASE}/edizioni/2017-2019#dati`]);
      expect(g.uno(cat, `${dct}issued`).value).toBe("2017-06-30");
      expect(g.uno(cat, `${dct}modified`).value).toBe("2020-05-01");
      expect(g.soggetti(RDF_TYPE, `${dcat}Distribution`)).toHaveLength(6);
      expect(g.quad.filter((q) => q.predicate.value === `${spdx}checksumValue`)).toHaveLength(4);
    }
  });

  it("un catalogo vuoto resta un catalogo valido", async () => {
    const g = grafo(await quadDaJsonLd(jsonLd(grafoCatalogo(contesto(), []))));
    expect(g.soggetti(RDF_TYPE, `${dcat}Catalog`)).toHaveLength(1);
    expect(g.soggetti(RDF_TYPE, `${dcat}Dataset`)).toHaveLength(0);
  });
});

describe("licenze", () => {
  it("ogni licenza ha URI, nome, sigla e tipo; un id sconosciuto torna a CC BY 4.0", () => {
    expect(ID_LICENZE).toEqual(["CC-BY-4.0", "CC0-1.0", "CC-BY-SA-4.0", "IODL-2.0"]);
    for (const id of ID_LICENZE) {
      const l = LICENZE[id];
      expect(l.spdx).toBe(id);
      expect(l.uri).toMatch(/^https:\/\/.+\/$/);
      expect(l.tipi.length).toBeGreaterThan(0);
    }
    expect(licenza("MIT").spdx).toBe("CC-BY-4.0");
    expect(licenza(null).spdx).toBe("CC-BY-4.0");
    expect(licenza("IODL-2.0").uri).toBe("https://www.dati.gov.it/iodl/2.0/");
  });
});

describe("dalla pubblicazione vera", () => {
  it("le impronte di JSON e CSV sono quelle dei byte serviti; il PDF non ne ha finché non è noto", () => {
    const { db } = edizionePubblicata();
    const p = pubblicazione(db, "2014-2016")!;
    const [json, csv, pdf] = distribuzioniRevisione(p);
    expect(json).toEqual({ tipo: "json", byteSize: Buffer.byteLength(p.datiJson), sha256: sha256(p.datiJson) });
    const byteCsv = Buffer.from(datiCsv(p.dati), "utf8");
    expect(csv).toEqual({ tipo: "csv", byteSize: byteCsv.byteLength, sha256: sha256(byteCsv) });
    expect(pdf).toEqual({ tipo: "pdf" });
    expect(distribuzioniRevisione(p, { byteSize: 10, sha256: "c".repeat(64) })[2]).toEqual({ tipo: "pdf", byteSize: 10, sha256: "c".repeat(64) });
  });

  it("il documento dell'edizione usa la licenza dell'ente; 404 per un'edizione non pubblicata; il catalogo elenca la pubblicata", async () => {
    const { db } = edizionePubblicata();
    db.update(ente).set({ licenza: "CC-BY-SA-4.0" }).run();
    const g = grafo(await quadDaJsonLd(jsonLd(grafoDiEdizione(db, "2014-2016", BASE)!)));
    const json = `${BASE}/edizioni/2014-2016#distribuzione-json`;
    expect(g.uno(json, `${dct}license`).value).toBe("https://creativecommons.org/licenses/by-sa/4.0/");
    expect(g.uno(g.uno(json, `${spdx}checksum`).value, `${spdx}checksumValue`).value).toBe(pubblicazione(db, "2014-2016")!.sha256);
    expect(grafoDiEdizione(db, "2017-2019", BASE)).toBeNull();

    const catalogo = grafo(quadDaTurtle(turtle(grafoDelCatalogo(db, BASE))));
    expect(catalogo.soggetti(RDF_TYPE, `${dcat}Dataset`)).toEqual([`${BASE}/edizioni/2014-2016#dati`]);

    const r = rispostaDcatEdizione(db, new Request(`${BASE}/edizioni/2014-2016/dcat.jsonld`), "2014-2016", "jsonld", BASE);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/ld+json");
    const tag = r.headers.get("etag")!;
    const ancora = rispostaDcatEdizione(db, new Request(`${BASE}/x`, { headers: { "If-None-Match": tag } }), "2014-2016", "jsonld", BASE);
    expect(ancora.status).toBe(304);
    const ttl = rispostaDcatEdizione(db, new Request(`${BASE}/x`), "2014-2016", "turtle", BASE);
    expect(ttl.headers.get("content-type")).toBe("text/turtle; charset=utf-8");
    expect(quadDaTurtle(await ttl.text()).length).toBeGreaterThan(50);
    expect(rispostaDcatEdizione(db, new Request(`${BASE}/x`), "2017-2019", "jsonld", BASE).status).toBe(404);
  });
});
