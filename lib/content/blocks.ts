/**
 * The typed payload of each block kind. One zod schema per kind: the editor,
 * the importer and the database layer all validate with these, so a block that
 * passes here can be rendered and exported.
 */
import { z } from "../zod-it";
import { SCALE } from "../numbers/format";
import { perNumero, plurale } from "../italiano";
import { richDocSchema } from "./rich-text";

const testoBreve = (max = 500) => z.string().trim().max(max, `Al massimo ${max} caratteri`);
const obbligatorio = (max = 500) => testoBreve(max).min(1, "Campo obbligatorio");

/** Source and footnote that any figure may carry; the published edition numbers the notes. */
const fonteNota = {
  fonte: testoBreve(1000).optional(),
  nota: testoBreve(2000).optional(),
};

const numero = z.number({ error: "Deve essere un numero" }).finite("Deve essere un numero finito");

/** How a stored number is shown: "1,8 milioni", "175 mila". The value itself stays whole. */
export const scalaSchema = z.enum(SCALE);

/** Decimals its author wrote where the plain figure would drop them: "16,90%". */
const decimaliSchema = z.number().int().min(1).max(6).optional();

export const confrontoSchema = z.object({
  /** What it is compared with, as the report says it: "rispetto alla media italiana". */
  testo: obbligatorio(500),
  valore: numero.optional(),
  unita: testoBreve(60).optional(),
  /** The scale its author wrote it in ("- 430 mila euro dal 2013"); without one it prints whole. */
  scala: scalaSchema.optional(),
  decimali: decimaliSchema,
  /** "differenza" (default) is printed with its sign; "riferimento" is a level to compare with. */
  tipo: z.enum(["differenza", "riferimento"]).optional(),
});

/**
 * The indicator as the previous (published) edition printed it: history, not
 * edited by hand. The new value is compared with it ("+4,6% dal 2016").
 */
export const baseIndicatoreSchema = z.object({
  valore: numero.nullable(),
  testoValore: testoBreve(200).optional(),
  /** The unit and scale it was printed with: a unit changed since makes the figures incomparable. */
  unita: testoBreve(60).optional(),
  scala: scalaSchema.optional(),
  /** Its reference year or date as written: "2016", "al 31/12/2015". */
  riferimento: testoBreve(100).optional(),
  /** Title of the edition it comes from: "Bilancio Sociale 2014–2016". */
  edizione: obbligatorio(300),
  /** That edition's last year. */
  anno: z.number({ error: "Deve essere un numero" }).int("Deve essere un anno").min(1900).max(2200),
});

export const indicatoreSchema = z.object({
  tipo: z.literal("indicatore"),
  /** What the figure counts, as the report words it: "abitanti nel 2016". */
  etichetta: obbligatorio(1000),
  /** null only when the figure is not a number (then `testoValore` carries it). */
  valore: numero.nullable(),
  /** Headline shown instead of a number, e.g. "primo" or "quasi raddoppiati". */
  testoValore: testoBreve(200).optional(),
  unita: testoBreve(60),
  scala: scalaSchema.optional(),
  decimali: decimaliSchema,
  /** A change rather than a level: printed with its sign ("+13%"). */
  variazione: z.boolean().optional(),
  /** Reference year or date as written: "2016", "al 31/12/2015". */
  riferimento: testoBreve(100).optional(),
  /**
   * Comparisons as the report states them: "+2,3 anni rispetto alla media italiana"
   * (a difference, printed with its sign) or "420 ab/kmq in Lombardia" (a reference level).
   */
  confronti: z.array(confrontoSchema).max(5).optional(),
  /** Set when the edition was carried forward from a published one. */
  base: baseIndicatoreSchema.optional(),
  ...fonteNota,
}).refine((b) => b.valore !== null || (b.testoValore && b.testoValore.length > 0), {
  message: "Indicare un valore numerico o un testo al posto del numero",
  path: ["valore"],
});

export const graficoSchema = z.enum(["barre", "linee", "torta", "barre-in-pila"]);

export const serieSchema = z.object({
  tipo: z.literal("serie"),
  titolo: obbligatorio(300),
  grafico: graficoSchema,
  unita: testoBreve(60).optional(),
  /** The x axis: years ("2014") or categories ("0-14 anni"). */
  categorie: z.array(obbligatorio(100)).max(200),
  /** One row per series; `valori[i]` belongs to `categorie[i]`; null is a gap. */
  serie: z
    .array(
      z.object({
        nome: obbligatorio(200),
        valori: z.array(numero.nullable()),
      }),
    )
    .max(50),
  /**
   * The seed lost many charts' numbers: such a series keeps its title and is
   * marked as missing data rather than filled with invented numbers.
   */
  datiMancanti: z.boolean().optional(),
  ...fonteNota,
}).superRefine((s, ctx) => {
  s.serie.forEach((riga, i) => {
    if (riga.valori.length !== s.categorie.length) {
      ctx.addIssue({
        code: "custom",
        path: ["serie", i, "valori"],
        message: `La serie "${riga.nome}" ha ${plurale(riga.valori.length, "valore", "valori")} ma ${perNumero(s.categorie.length, "la categoria è una", `le categorie sono ${s.categorie.length}`)}`,
      });
    }
  });
  if (!s.datiMancanti && s.serie.length === 0) {
    ctx.addIssue({ code: "custom", path: ["serie"], message: "Inserire almeno una serie di valori o segnare i dati come mancanti" });
  }
});

const cellaSchema = z.union([z.string().max(2000), numero, z.null()]);

export const tabellaSchema = z.object({
  tipo: z.literal("tabella"),
  titolo: obbligatorio(300),
  intestazione: z.array(testoBreve(300)).min(1, "Serve almeno una colonna").max(30),
  righe: z.array(z.array(cellaSchema)).max(500),
  ...fonteNota,
}).superRefine((t, ctx) => {
  t.righe.forEach((riga, i) => {
    if (riga.length !== t.intestazione.length) {
      ctx.addIssue({
        code: "custom",
        path: ["righe", i],
        message: `La riga ${i + 1} ha ${plurale(riga.length, "cella", "celle")}, ${perNumero(t.intestazione.length, "la colonna è una", `le colonne sono ${t.intestazione.length}`)}`,
      });
    }
  });
});

const costoSchema = z.object({
  importo: numero.nonnegative("L'importo non può essere negativo").optional(),
  /** How the amount is printed, as its author wrote it: "800 mila euro", "6,5 milioni di euro". */
  scala: scalaSchema.optional(),
  descrizione: testoBreve(2000).optional(),
});

export const risultatoSchema = z.object({
  valore: numero.nullable(),
  /** Headline when the result is not a number: "quasi raddoppiati". */
  testoValore: testoBreve(200).optional(),
  unita: testoBreve(60).optional(),
  scala: scalaSchema.optional(),
  decimali: decimaliSchema,
  variazione: z.boolean().optional(),
  didascalia: testoBreve(500),
});

export const schedaSchema = z.object({
  tipo: z.literal("scheda"),
  titolo: obbligatorio(300),
  prima: z.array(obbligatorio(2000)).max(30),
  dopo: z.array(obbligatorio(2000)).max(30),
  destinatari: testoBreve(2000).optional(),
  luogo: testoBreve(2000).optional(),
  tempi: testoBreve(500).optional(),
  costi: z.object({
    comune: costoSchema.optional(),
    altri: costoSchema.optional(),
  }),
  soggetti: z.array(obbligatorio(500)).max(100),
  risultati: z.array(risultatoSchema).max(30),
  narrativa: richDocSchema.optional(),
  ...fonteNota,
});

export const testoSchema = z.object({
  tipo: z.literal("testo"),
  titolo: testoBreve(300).optional(),
  contenuto: richDocSchema,
  ...fonteNota,
});

export const bloccoSchema = z.discriminatedUnion("tipo", [
  indicatoreSchema,
  serieSchema,
  tabellaSchema,
  schedaSchema,
  testoSchema,
]);

export type Blocco = z.infer<typeof bloccoSchema>;
export type Indicatore = z.infer<typeof indicatoreSchema>;
export type BaseIndicatore = z.infer<typeof baseIndicatoreSchema>;
export type Serie = z.infer<typeof serieSchema>;
export type Tabella = z.infer<typeof tabellaSchema>;
export type Scheda = z.infer<typeof schedaSchema>;
export type Confronto = z.infer<typeof confrontoSchema>;
export type Costo = z.infer<typeof costoSchema>;
export type Risultato = z.infer<typeof risultatoSchema>;
export type Testo = z.infer<typeof testoSchema>;
export type TipoBlocco = Blocco["tipo"];

export const TIPI_BLOCCO: Record<TipoBlocco, string> = {
  indicatore: "Indicatore",
  serie: "Serie e grafico",
  tabella: "Tabella",
  scheda: "Scheda PRIMA/DOPO",
  testo: "Testo",
};
