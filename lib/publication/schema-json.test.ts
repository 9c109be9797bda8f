import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { importaPacchetto } from "../edition-package/import";
import { serializzaCanonico } from "./canonical";
import { costruisciDati } from "./dati";
import { schemaDati, schemaDatiJson } from "./schema-json";

type Schema = Record<string, unknown>;

/**
 * A validator for the JSON Schema keywords the generated schema uses (checked
 * below: an unknown keyword fails the test rather than being ignored). Enough
 * to show the published snapshot matches its published schema without a new
 * dependency.
 */
const PAROLE_NOTE = new Set([
  "$schema", "$defs", "$ref", "title", "description", "type", "const", "enum", "properties", "required",
  "additionalProperties", "items", "oneOf", "anyOf", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems",
]);

function tipoDi(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function valida(radice: Schema, schema: Schema, v: unknown, percorso = "$"): string[] {
  for (const k of Object.keys(schema)) if (!PAROLE_NOTE.has(k)) return [`${percorso}: parola chiave non gestita "${k}"`];
  if (typeof schema.$ref === "string") {
    const nome = schema.$ref.replace(/^#\/\$defs\//, "");
    const def = (radice.$defs as Record<string, Schema>)[nome];
    if (!def) return [`${percorso}: $ref sconosciuto ${schema.$ref}`];
    return valida(radice, def, v, percorso);
  }
  const errori: string[] = [];
  if (schema.type !== undefined) {
    const tipi = ([] as string[]).concat(schema.type as string | string[]);
    const t = tipoDi(v);
    if (!tipi.includes(t) && !(t === "integer" && tipi.includes("number"))) return [`${percorso}: atteso ${tipi.join("|")}, trovato ${t}`];
  }
  if ("const" in schema && v !== schema.const) errori.push(`${percorso}: atteso ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(v)) errori.push(`${percorso}: valore fuori elenco`);
  if (typeof v === "string") {
    const n = [...v].length;
    if (typeof schema.minLength === "number" && n < schema.minLength) errori.push(`${percorso}: troppo corto`);
    if (typeof schema.maxLength === "number" && n > schema.maxLength) errori.push(`${percorso}: troppo lungo`);
    if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(v)) errori.push(`${percorso}: non rispetta ${schema.pattern}`);
  }
  if (typeof v === "number") {
    if (typeof schema.minimum === "number" && v < schema.minimum) errori.push(`${percorso}: sotto il minimo`);
    if (typeof schema.maximum === "number" && v > schema.maximum) errori.push(`${percorso}: sopra il massimo`);
  }
  if (Array.isArray(v)) {
    if (typeof schema.minItems === "number" && v.length < schema.minItems) errori.push(`${percorso}: troppo pochi elementi`);
    if (typeof schema.maxItems === "number" && v.length > schema.maxItems) errori.push(`${percorso}: troppi elementi`);
    if (schema.items) v.forEach((x, i) => errori.push(...valida(radice, schema.items as Schema, x, `${percorso}[${i}]`)));
  }
  if (tipoDi(v) === "object") {
    const o = v as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errori.push(`${percorso}: manca "${r}"`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) errori.push(...valida(radice, props[k], x, `${percorso}.${k}`));
      else if (schema.additionalProperties === false) errori.push(`${percorso}: chiave non prevista "${k}"`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        errori.push(...valida(radice, schema.additionalProperties as Schema, x, `${percorso}.${k}`));
      }
    }
  }
  if (Array.isArray(schema.oneOf)) {
    const validi = (schema.oneOf as Schema[]).filter((s) => valida(radice, s, v, percorso).length === 0).length;
    if (validi !== 1) errori.push(`${percorso}: ${validi} alternative valide su oneOf, ne serve esattamente una`);
  }
  if (Array.isArray(schema.anyOf) && !(schema.anyOf as Schema[]).some((s) => valida(radice, s, v, percorso).length === 0)) {
    errori.push(`${percorso}: nessuna alternativa di anyOf è valida`);
  }
  return errori;
}

let snapshot: unknown;
const schema = JSON.parse(schemaDatiJson()) as Schema;

beforeAll(() => {
  const db = memoryDb();
  const esito = importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
  expect(esito.ok).toBe(true);
  // What is served: the canonical bytes of the snapshot, read back as any consumer would.
  snapshot = JSON.parse(serializzaCanonico(costruisciDati(db, "2014-2016", { slug: "2014-2016", revisione: 1 })));
});

describe("dati.schema.json", () => {
  it("è JSON Schema 2020-12 con titolo e descrizione in italiano", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("Dati aperti del Bilancio Sociale");
    expect(schema.description).toContain("dati.json");
    expect(schema.required).toEqual(["formato", "ente", "edizione", "settori", "parti"]);
    const defs = schema.$defs as Record<string, Schema>;
    for (const nome of ["Parte", "Area", "Ambito", "Sezione", "Blocco", "Indicatore", "Serie", "Tabella", "Scheda", "Testo", "TestoRicco"]) {
      expect(defs[nome], nome).toBeDefined();
      expect(typeof defs[nome].description, nome).toBe("string");
    }
    expect((defs.Blocco.oneOf as Schema[]).map((s) => s.$ref)).toEqual(["Indicatore", "Serie", "Tabella", "Scheda", "Testo"].map((n) => `#/$defs/${n}`));
  });

  it("è deterministico e finisce con un a capo", () => {
    const testo = schemaDatiJson();
    expect(JSON.stringify(schemaDati(), null, 2) + "\n").toBe(testo);
    expect(testo.endsWith("}\n")).toBe(true);
  });

  it("il dati.json dell'edizione demo lo rispetta", () => {
    expect(valida(schema, schema, snapshot)).toEqual([]);
  });

  it("il validatore del test non è di manica larga: rifiuta documenti sbagliati", () => {
    const copia = () => structuredClone(snapshot) as { formato: string; edizione: Record<string, unknown>; parti: { sezioni: { blocchi: Record<string, unknown>[] }[] }[] };
    const senzaEdizione = copia() as Record<string, unknown>;
    delete senzaEdizione.edizione;
    expect(valida(schema, schema, senzaEdizione)).toContain('$: manca "edizione"');

    const formato = copia();
    formato.formato = "altro@2";
    expect(valida(schema, schema, formato).length).toBeGreaterThan(0);

    const revisione = copia();
    revisione.edizione.revisione = 0;
    expect(valida(schema, schema, revisione)).toEqual(["$.edizione.revisione: sotto il minimo"]);

    const blocco = copia();
    const primo = blocco.parti.find((p) => p.sezioni.some((s) => s.blocchi.some((b) => b.tipo === "indicatore")))!;
    const indicatore = primo.sezioni.flatMap((s) => s.blocchi).find((b) => b.tipo === "indicatore")!;
    indicatore.valore = "71.924";
    expect(valida(schema, schema, blocco).join("\n")).toMatch(/oneOf/);

    const estraneo = copia() as Record<string, unknown>;
    estraneo.segreto = 1;
    expect(valida(schema, schema, estraneo)).toEqual(['$: chiave non prevista "segreto"']);
  });
});
