/**
 * The DCAT-AP_IT description of the published editions, the metadata profile that
 * the national catalogue (dati.gov.it) and the European portal harvest: one
 * dataset per published edition, its distributions (dati.json, dati.csv, the PDF)
 * with media type, format, licence, size and SHA-256 checksum, the Comune as
 * publisher and rights holder, the reporting years as temporal coverage; and the
 * Comune's catalogue of all of them.
 *
 * Pure: no database, no HTTP. The graph is built once as plain nodes and written
 * as JSON-LD (with its @context inline: the server may not reach the internet, nor
 * may a harvester be asked to) and as Turtle; both say the same triples.
 *
 * Vocabularies: DCAT-AP_IT (dcatapit:Catalog, Dataset, Distribution, Agent,
 * LicenseDocument) on DCAT 2/3; the EU authority tables for themes, frequency,
 * language and file type; IANA media types; SPDX checksums. The temporal coverage
 * is written with dcat:startDate/endDate (DCAT-AP 2 and 3, DCAT-AP_IT 2) and with
 * schema:startDate/endDate (DCAT-AP_IT 1, still read by CKAN's dcatapit harvester).
 */
import { oggiRoma } from "../numbers/calendario";
import { FILE_PUBBLICI, indirizzoRevisione } from "../publication/file-pubblici";
import type { Licenza } from "./licenze";

export const PREFISSI = {
  dcat: "http://www.w3.org/ns/dcat#",
  dcatapit: "http://dati.gov.it/onto/dcatapit#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  spdx: "http://spdx.org/rdf/terms#",
  schema: "http://schema.org/",
  owl: "http://www.w3.org/2002/07/owl#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

type Prefisso = keyof typeof PREFISSI;
/** A property or class as a prefixed name: "dct:title". */
export type Termine = `${Prefisso}:${string}`;

/** An IRI, a text in Italian (or a plain string), a typed literal, or a nested (blank) node. */
export type Valore = { iri: string } | { testo: string; lingua?: "it" } | { valore: string; tipo: Termine } | Nodo;

export interface Nodo {
  /** Absent: a blank node, written inline where it is used. */
  id?: string;
  tipi: Termine[];
  proprieta: [Termine, Valore | Valore[] | undefined][];
}

/** The public addresses of the DCAT documents. */
export const DCAT_CATALOGO = { jsonld: "/edizioni/catalogo.jsonld", turtle: "/edizioni/catalogo.ttl" } as const;
export const indirizziDcat = (slug: string) => ({
  jsonld: `/edizioni/${encodeURIComponent(slug)}/dcat.jsonld`,
  turtle: `/edizioni/${encodeURIComponent(slug)}/dcat.ttl`,
});

export const MEDIA_TYPE = { jsonld: "application/ld+json", turtle: "text/turtle; charset=utf-8" } as const;

// ---------------------------------------------------------------- vocabularies

const EU = "http://publications.europa.eu/resource/authority/";
export const TEMI = [`${EU}data-theme/GOVE`, `${EU}data-theme/SOCI`];
/** An edition changes only when an erratum is published: irregularly. */
export const FREQUENZA = `${EU}frequency/IRREG`;
export const LINGUA = `${EU}language/ITA`;
const TASSONOMIA_TEMI = `${EU}data-theme`;
const IANA = "https://www.iana.org/assignments/media-types/";
const SHA256 = `${PREFISSI.spdx}checksumAlgorithm_sha256`;

export type TipoDistribuzione = "json" | "csv" | "pdf";

const DISTRIBUZIONI: Record<TipoDistribuzione, { mediaType: string; formato: string; titolo: string; descrizione: string }> = {
  json: {
    mediaType: "application/json",
    formato: "JSON",
    titolo: "Dati aperti in JSON (dati.json)",
    descrizione:
      "Tutto il contenuto dell'edizione come dati strutturati: parti, aree, ambiti, sezioni e blocchi (indicatori, serie, tabelle, schede PRIMA/DOPO, testi) con fonti e note. Sono i byte firmati dall'Assessore; lo schema è in dati.schema.json.",
  },
  csv: {
    mediaType: "text/csv",
    formato: "CSV",
    titolo: "Dati aperti in CSV (dati.csv)",
    descrizione:
      "Un dato per riga (formato lungo): ogni indicatore, valore di serie, cella di tabella e campo di scheda, con la sezione, il settore, la fonte e la nota. UTF-8 con BOM, virgola come separatore, punto decimale.",
  },
  pdf: {
    mediaType: "application/pdf",
    formato: "PDF",
    titolo: "Bilancio sociale completo (PDF)",
    descrizione: "Il documento completo dell'edizione, stampabile, con l'impronta SHA-256 dei dati a cui corrisponde.",
  },
};

// ---------------------------------------------------------------- input

export interface EnteDcat {
  nome: string;
  /** The ente's code in the IPA index, when known: its identifier in the national catalogue. */
  codiceIpa?: string | null;
  /** A contact address for the data (vcard:hasEmail), when known. */
  email?: string | null;
}

/** One published file of the revision; size and checksum when known. */
export interface FileDistribuito {
  tipo: TipoDistribuzione;
  byteSize?: number;
  /** Hex SHA-256 of the exact bytes served. */
  sha256?: string;
}

export interface EdizioneDcat {
  slug: string;
  titolo: string;
  annoInizio: number;
  annoFine: number;
  /** The latest revision, described here. */
  revisione: number;
  /** SHA-256 of its dati.json. */
  sha256: string;
  /** ISO instant of revision 1's publication. */
  primaPubblicazione: string;
  /** ISO instant of the latest revision's publication. */
  ultimaPubblicazione: string;
  file: FileDistribuito[];
}

export interface ContestoDcat {
  /** The app's public address, no trailing slash: "https://bilancio.comune.example". */
  base: string;
  ente: EnteDcat;
  licenza: Licenza;
}

// ---------------------------------------------------------------- helpers

const iri = (s: string): Valore => ({ iri: s });
const it = (testo: string): Valore => ({ testo, lingua: "it" });
const testo = (s: string): Valore => ({ testo: s });
const data = (iso: string): Valore => ({ valore: oggiRoma(new Date(iso)), tipo: "xsd:date" });
const giorno = (g: string): Valore => ({ valore: g, tipo: "xsd:date" });

/** "Comune di Città di Castello" → "comune-di-citta-di-castello". */
export function identificativoEnte(ente: EnteDcat): string {
  const ipa = ente.codiceIpa?.trim();
  if (ipa) return ipa;
  const s = ente.nome
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s || "ente";
}

const assoluto = (base: string, percorso: string) => `${base.replace(/\/+$/, "")}${percorso}`;

const iriCatalogo = (c: ContestoDcat) => assoluto(c.base, "/edizioni#catalogo");
const iriEnte = (c: ContestoDcat) => assoluto(c.base, "/edizioni#ente");
const iriContatto = (c: ContestoDcat) => assoluto(c.base, "/edizioni#contatto");
const copertina = (c: ContestoDcat, slug: string) => assoluto(c.base, `/edizioni/${encodeURIComponent(slug)}`);
export const iriDataset = (c: ContestoDcat, slug: string) => `${copertina(c, slug)}#dati`;
export const iriDistribuzione = (c: ContestoDcat, slug: string, tipo: TipoDistribuzione) => `${copertina(c, slug)}#distribuzione-${tipo}`;

const periodo = (e: EdizioneDcat) => (e.annoInizio === e.annoFine ? String(e.annoInizio) : `${e.annoInizio}–${e.annoFine}`);

// ---------------------------------------------------------------- nodes

function ente(c: ContestoDcat): Nodo {
  return {
    id: iriEnte(c),
    tipi: ["dcatapit:Agent", "foaf:Agent"],
    proprieta: [
      ["dct:identifier", testo(identificativoEnte(c.ente))],
      ["foaf:name", it(c.ente.nome)],
    ],
  };
}

function contatto(c: ContestoDcat): Nodo {
  const email = c.ente.email?.trim();
  return {
    id: iriContatto(c),
    tipi: ["dcatapit:Organization", "vcard:Organization", "vcard:Kind"],
    proprieta: [
      ["vcard:fn", it(`${c.ente.nome} – Bilancio Sociale`)],
      ["vcard:hasEmail", email ? iri(`mailto:${email}`) : undefined],
      ["vcard:hasURL", iri(assoluto(c.base, "/edizioni"))],
    ],
  };
}

function licenza(c: ContestoDcat): Nodo {
  const l = c.licenza;
  return {
    id: l.uri,
    tipi: ["dcatapit:LicenseDocument", "dct:LicenseDocument"],
    proprieta: [
      ["dct:type", l.tipi.map(iri)],
      ["foaf:name", it(`${l.nome} (${l.sigla})`)],
      ["owl:versionInfo", testo(l.versione)],
    ],
  };
}

function distribuzione(c: ContestoDcat, e: EdizioneDcat, f: FileDistribuito): Nodo {
  const d = DISTRIBUZIONI[f.tipo];
  const ultima = assoluto(c.base, `/edizioni/${encodeURIComponent(e.slug)}/${FILE_PUBBLICI[f.tipo].nome}`);
  return {
    id: iriDistribuzione(c, e.slug, f.tipo),
    tipi: ["dcatapit:Distribution", "dcat:Distribution"],
    proprieta: [
      ["dct:title", it(d.titolo)],
      ["dct:description", it(d.descrizione)],
      // The address that always serves the latest revision…
      ["dcat:accessURL", iri(ultima)],
      // …and the revision's own, whose bytes never change: the checksum below holds for it forever.
      ["dcat:downloadURL", iri(assoluto(c.base, indirizzoRevisione(e.slug, e.revisione, f.tipo)))],
      ["dcat:mediaType", iri(`${IANA}${d.mediaType}`)],
      ["dct:format", iri(`${EU}file-type/${d.formato}`)],
      ["dct:license", iri(c.licenza.uri)],
      ["dct:conformsTo", f.tipo === "json" ? iri(assoluto(c.base, `/edizioni/${encodeURIComponent(e.slug)}/${FILE_PUBBLICI.schema.nome}`)) : undefined],
      ["dct:modified", data(e.ultimaPubblicazione)],
      ["dcat:byteSize", f.byteSize === undefined ? undefined : { valore: String(f.byteSize), tipo: "xsd:nonNegativeInteger" }],
      [
        "spdx:checksum",
        f.sha256 === undefined
          ? undefined
          : {
              tipi: ["spdx:Checksum"],
              proprieta: [
                ["spdx:algorithm", iri(SHA256)],
                ["spdx:checksumValue", { valore: f.sha256.toLowerCase(), tipo: "xsd:hexBinary" }],
              ],
            },
      ],
    ],
  };
}

function dataset(c: ContestoDcat, e: EdizioneDcat): Nodo[] {
  const agente = iri(iriEnte(c));
  const distribuzioni = e.file.map((f) => distribuzione(c, e, f));
  const nodo: Nodo = {
    id: iriDataset(c, e.slug),
    tipi: ["dcatapit:Dataset", "dcat:Dataset"],
    proprieta: [
      ["dct:identifier", testo(`${identificativoEnte(c.ente)}:bilancio-sociale-${e.slug}`)],
      ["dct:title", it(`${e.titolo} – ${c.ente.nome}`)],
      [
        "dct:description",
        it(
          `I dati del ${e.titolo} (${c.ente.nome}), periodo di rendicontazione ${periodo(e)}: indicatori, serie, tabelle e schede dei progetti (PRIMA/DOPO) di ogni sezione, con fonti e note. ` +
            `Revisione ${e.revisione}, firmata dall'Assessore e pubblicata senza modifiche; l'impronta SHA-256 di dati.json è ${e.sha256}.`,
        ),
      ],
      ["dcat:landingPage", iri(copertina(c, e.slug))],
      ["dcat:keyword", [it("bilancio sociale"), it("rendicontazione sociale"), it("indicatori"), it(c.ente.nome)]],
      ["dcat:theme", TEMI.map(iri)],
      ["dct:accrualPeriodicity", iri(FREQUENZA)],
      [
        "dct:temporal",
        {
          tipi: ["dct:PeriodOfTime"],
          proprieta: [
            ["dcat:startDate", giorno(`${e.annoInizio}-01-01`)],
            ["dcat:endDate", giorno(`${e.annoFine}-12-31`)],
            ["schema:startDate", giorno(`${e.annoInizio}-01-01`)],
            ["schema:endDate", giorno(`${e.annoFine}-12-31`)],
          ],
        },
      ],
      ["dct:issued", data(e.primaPubblicazione)],
      ["dct:modified", data(e.ultimaPubblicazione)],
      ["dct:language", iri(LINGUA)],
      ["dct:publisher", agente],
      ["dct:rightsHolder", agente],
      ["dct:creator", agente],
      ["dcat:contactPoint", iri(iriContatto(c))],
      ["owl:versionInfo", testo(String(e.revisione))],
      ["dcat:distribution", distribuzioni.map((d) => iri(d.id!))],
    ],
  };
  return [nodo, ...distribuzioni];
}

function catalogo(c: ContestoDcat, edizioni: EdizioneDcat[]): Nodo {
  const prime = edizioni.map((e) => e.primaPubblicazione).sort();
  const ultime = edizioni.map((e) => e.ultimaPubblicazione).sort();
  return {
    id: iriCatalogo(c),
    tipi: ["dcatapit:Catalog", "dcat:Catalog"],
    proprieta: [
      ["dct:title", it(`Bilancio Sociale – ${c.ente.nome}: dati aperti`)],
      [
        "dct:description",
        it(`Le edizioni pubblicate del Bilancio Sociale (${c.ente.nome}): per ognuna i dati aperti (JSON e CSV) e il documento completo (PDF), firmati dall'Assessore e verificabili con la loro impronta SHA-256.`),
      ],
      ["dct:publisher", iri(iriEnte(c))],
      ["foaf:homepage", iri(assoluto(c.base, "/edizioni"))],
      ["dct:language", iri(LINGUA)],
      ["dct:issued", prime.length ? data(prime[0]) : undefined],
      ["dct:modified", ultime.length ? data(ultime[ultime.length - 1]) : undefined],
      ["dcat:themeTaxonomy", iri(TASSONOMIA_TEMI)],
      ["dcat:dataset", edizioni.map((e) => iri(iriDataset(c, e.slug)))],
    ],
  };
}

/** One edition: its dataset and distributions, in a catalogue naming only it, with the publisher, contact and licence. */
export function grafoEdizione(c: ContestoDcat, e: EdizioneDcat): Nodo[] {
  return [catalogo(c, [e]), ...dataset(c, e), ente(c), contatto(c), licenza(c)];
}

/** The Comune's whole catalogue: every published edition (latest revision of each). */
export function grafoCatalogo(c: ContestoDcat, edizioni: EdizioneDcat[]): Nodo[] {
  return [catalogo(c, edizioni), ...edizioni.flatMap((e) => dataset(c, e)), ente(c), contatto(c), licenza(c)];
}

// ---------------------------------------------------------------- JSON-LD

/** The inline context: prefixes only, so every key reads as in the DCAT-AP_IT guidelines ("dct:title"). */
export const CONTESTO_JSONLD: Record<Prefisso, string> = { ...PREFISSI };

type Oggetto = Record<string, unknown>;

const eNodo = (v: Valore): v is Nodo => "tipi" in v;

function valoreJsonLd(v: Valore): unknown {
  if (eNodo(v)) return nodoJsonLd(v);
  if ("iri" in v) return { "@id": v.iri };
  if ("tipo" in v) return { "@value": v.valore, "@type": v.tipo };
  return v.lingua ? { "@value": v.testo, "@language": v.lingua } : v.testo;
}

function nodoJsonLd(n: Nodo): Oggetto {
  const o: Oggetto = {};
  if (n.id) o["@id"] = n.id;
  o["@type"] = n.tipi.length === 1 ? n.tipi[0] : n.tipi;
  for (const [p, v] of proprietaUnite(n)) o[p] = v.length === 1 ? valoreJsonLd(v[0]) : v.map(valoreJsonLd);
  return o;
}

/** The properties with a value, the same property written once with all its values. */
function proprietaUnite(n: Nodo): [Termine, Valore[]][] {
  const m = new Map<Termine, Valore[]>();
  for (const [p, v] of n.proprieta) {
    if (v === undefined) continue;
    const valori = Array.isArray(v) ? v : [v];
    if (valori.length) m.set(p, [...(m.get(p) ?? []), ...valori]);
  }
  return [...m];
}

/** The graph as a JSON-LD document with its @context inline. */
export function jsonLd(nodi: Nodo[]): Oggetto {
  return { "@context": CONTESTO_JSONLD, "@graph": nodi.map(nodoJsonLd) };
}

/** As served: two-space indentation, a final newline. */
export function testoJsonLd(nodi: Nodo[]): string {
  return `${JSON.stringify(jsonLd(nodi), null, 2)}\n`;
}

// ---------------------------------------------------------------- Turtle

/** A string literal: quotes, backslashes and control characters escaped (Turtle ECHAR/UCHAR). */
export function stringaTurtle(s: string): string {
  const escapato = s.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, (c) => {
    switch (c) {
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  });
  return `"${escapato}"`;
}

/** An IRI reference: the characters Turtle's IRIREF forbids are percent-encoded. */
export function iriTurtle(s: string): string {
  return `<${s.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (c) => encodeURIComponent(c))}>`;
}

function valoreTurtle(v: Valore, rientro: string): string {
  if (eNodo(v)) return `[\n${corpoTurtle(v, `${rientro}    `)}\n${rientro}]`;
  if ("iri" in v) return iriTurtle(v.iri);
  if ("tipo" in v) return `${stringaTurtle(v.valore)}^^${v.tipo}`;
  return v.lingua ? `${stringaTurtle(v.testo)}@${v.lingua}` : stringaTurtle(v.testo);
}

/** "a …" and the properties of a node, one per line, at the given indentation. */
function corpoTurtle(n: Nodo, rientro: string): string {
  const righe = [`${rientro}a ${n.tipi.join(", ")}`];
  for (const [p, valori] of proprietaUnite(n)) righe.push(`${rientro}${p} ${valori.map((v) => valoreTurtle(v, rientro)).join(", ")}`);
  return righe.join(" ;\n");
}

/** The graph as Turtle, with the same prefixes as the JSON-LD context. */
export function turtle(nodi: Nodo[]): string {
  const prefissi = Object.entries(PREFISSI).map(([p, ns]) => `@prefix ${p}: <${ns}> .`);
  const blocchi = nodi.map((n) => (n.id ? `${iriTurtle(n.id)}\n${corpoTurtle(n, "    ")} .` : `[]\n${corpoTurtle(n, "    ")} .`));
  return `${prefissi.join("\n")}\n\n${blocchi.join("\n\n")}\n`;
}
