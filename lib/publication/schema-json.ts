/**
 * The JSON Schema of dati.json ("dati.schema.json"), generated from the same
 * zod schema that validates the snapshot, so the document and the schema can
 * never drift apart. Titles and descriptions are Italian and live in a
 * registry of this module (the app's schemas stay free of documentation
 * text). What zod checks in code (refinements: a series has as many values
 * as categories, a table row as many cells as columns) has no JSON Schema
 * form and is stated in the descriptions instead.
 */
import { z } from "../zod-it";
import { baseIndicatoreSchema, bloccoSchema, confrontoSchema, indicatoreSchema, risultatoSchema, schedaSchema, serieSchema, tabellaSchema, testoSchema } from "../content/blocks";
import { richDocSchema } from "../content/rich-text";
import { COLONNE_CSV } from "./csv";
import { ambitoDatiSchema, areaDatiSchema, datiSchema, FORMATO_DATI, parteDatiSchema, sezioneDatiSchema } from "./dati";

interface Meta {
  id?: string;
  title?: string;
  description?: string;
}

function registro() {
  const r = z.registry<Meta>();
  const m = (s: z.ZodType, meta: Meta) => r.add(s, meta);
  const d = datiSchema.shape;
  m(datiSchema, {
    title: "Dati aperti del Bilancio Sociale",
    description:
      `Il contenuto completo di un'edizione pubblicata del Bilancio Sociale di un Comune (formato "${FORMATO_DATI}"): ` +
      "parti, aree della visione politica, ambiti, sezioni e i loro blocchi (indicatori, serie, tabelle, schede PRIMA/DOPO, testi). " +
      "Il file dati.json è servito byte per byte come firmato: la sua impronta SHA-256 è pubblicata nella pagina \"integrità\" dell'edizione. " +
      "Le chiavi degli oggetti sono in ordine alfabetico; i numeri sono scritti per esteso, senza scala (1,8 milioni è 1800000). " +
      `Gli stessi dati in formato lungo sono in dati.csv (colonne: ${COLONNE_CSV.map((c) => c.nome).join(", ")}).`,
  });
  m(d.formato, { description: "Identificativo e versione del formato del file" });
  m(d.ente, { title: "Ente", description: "L'ente che pubblica il bilancio" });
  m(d.edizione, { title: "Edizione", description: "L'edizione e la sua revisione" });
  const e = d.edizione.shape;
  m(e.slug, { description: "Indirizzo pubblico dell'edizione: /edizioni/<slug>" });
  m(e.annoInizio, { description: "Primo anno rendicontato" });
  m(e.annoFine, { description: "Ultimo anno rendicontato" });
  m(e.revisione, { description: "1 per l'edizione come prima pubblicata; 2, 3… per le errata corrige successive" });
  m(d.settori, { description: "I settori comunali nominati dall'edizione" });
  m(d.settori.element, { id: "Settore", title: "Settore", description: "Un settore (ufficio) del Comune" });
  m(d.parti, { description: "Le parti del bilancio, nell'ordine di lettura" });

  m(parteDatiSchema, { id: "Parte", title: "Parte", description: "Una parte del bilancio (es. \"Identità\", \"Dagli impegni ai risultati\")" });
  m(parteDatiSchema.shape.sezioni, { description: "Le pagine della parte che non appartengono a un'area" });
  m(areaDatiSchema, { id: "Area", title: "Area", description: "Un'area della visione politica, numerata" });
  m(ambitoDatiSchema, { id: "Ambito", title: "Ambito", description: "Un tema dentro un'area, con il suo obiettivo, i settori e gli assessori che ne rispondono e la sua sezione" });
  m(ambitoDatiSchema.shape.settori, { description: "Codici dei settori coinvolti (vedi \"settori\")" });
  m(ambitoDatiSchema.shape.assessori, { description: "Nomi degli assessori che rispondono dell'ambito" });
  m(sezioneDatiSchema, { id: "Sezione", title: "Sezione", description: "Una pagina del bilancio: l'unità di lavoro di un settore, con i suoi blocchi in ordine" });
  m(sezioneDatiSchema.shape.settore, { description: "Codice del settore responsabile della sezione (vedi \"settori\")" });

  m(bloccoSchema, { id: "Blocco", title: "Blocco", description: "Un blocco di contenuto; il campo \"tipo\" dice quale" });
  m(indicatoreSchema, {
    id: "Indicatore",
    title: "Indicatore",
    description: "Un dato di sintesi: etichetta, valore e unità, anno di riferimento, confronti, fonte e nota. Se \"valore\" è null, il dato è il testo in \"testoValore\".",
  });
  const i = indicatoreSchema.shape;
  m(i.valore, { description: "Il valore, intero e senza scala; null quando il dato non è un numero" });
  m(i.testoValore, { description: "Testo mostrato al posto del numero (es. \"primo\")" });
  m(i.scala, { description: "Come il valore è stampato (\"1,8 milioni\"); il valore resta intero" });
  m(i.variazione, { description: "Vero se il valore è una variazione (stampata con il segno, es. \"+13%\") e non un livello" });
  m(i.riferimento, { description: "Anno o data di riferimento come scritto nel bilancio (es. \"al 31/12/2015\")" });
  m(confrontoSchema, {
    id: "Confronto",
    title: "Confronto",
    description: "Un confronto come il bilancio lo enuncia: una differenza (\"+2,3 anni rispetto alla media italiana\") o un livello di riferimento (\"420 ab/kmq in Lombardia\")",
  });
  m(confrontoSchema.shape.scala, { description: "Come il valore del confronto è stampato (\"- 430 mila euro\"); il valore resta intero" });
  m(baseIndicatoreSchema, {
    id: "ValorePrecedente",
    title: "Valore precedente",
    description: "Il valore dell'indicatore come lo stampò l'edizione pubblicata precedente, da cui questa è stata avviata: il nuovo valore si confronta con questo",
  });
  m(serieSchema, {
    id: "Serie",
    title: "Serie",
    description:
      "I numeri dietro un grafico: categorie o anni sull'asse, una o più serie di valori. Ogni serie ha tanti valori quante sono le categorie (valori[i] appartiene a categorie[i]; null è un dato mancante). " +
      "\"datiMancanti\" segnala un grafico i cui numeri la fonte non riporta.",
  });
  m(tabellaSchema, {
    id: "Tabella",
    title: "Tabella",
    description: "Una tabella con titolo: ogni riga ha tante celle quante sono le intestazioni; una cella è testo, numero o null (vuota)",
  });
  m(schedaSchema, {
    id: "Scheda",
    title: "Scheda PRIMA/DOPO",
    description: "Un progetto: la situazione PRIMA e DOPO, destinatari, luogo, tempi, costi (per il Comune e altri contributi, in euro), soggetti coinvolti, risultati e un racconto",
  });
  m(schedaSchema.shape.costi.shape.comune.unwrap().shape.scala, { description: "Come l'importo è stampato (\"800 mila euro\"); l'importo resta intero" });
  m(risultatoSchema, { id: "Risultato", title: "Risultato", description: "Un risultato chiave di una scheda: numero (o testo) e didascalia" });
  m(risultatoSchema.shape.scala, { description: "Come il valore è stampato (\"1,8 milioni\"); il valore resta intero" });
  m(testoSchema, { id: "Testo", title: "Testo", description: "Testo narrativo" });
  m(richDocSchema, {
    id: "TestoRicco",
    title: "Testo ricco",
    description:
      "Documento in formato TipTap/ProseMirror limitato a paragrafi, sottotitoli, grassetto, corsivo, elenchi, collegamenti http/https/mailto e note a piè di pagina (nodo \"notaPiePagina\" con il testo della nota)",
  });
  m(richDocSchema.shape.content.element.options[2], { id: "Elenco", title: "Elenco", description: "Elenco puntato o numerato, anche annidato" });
  return r;
}

let cache: string | null = null;

/** The schema as an object (JSON Schema draft 2020-12). */
export function schemaDati(): Record<string, unknown> {
  const { $schema, title, description, ...resto } = z.toJSONSchema(datiSchema, {
    target: "draft-2020-12",
    // The output side: what dati.json holds after validation (unknown keys are not part of it).
    io: "output",
    metadata: registro(),
    unrepresentable: "throw",
    cycles: "ref",
  }) as Record<string, unknown>;
  // What a reader looks for first goes first.
  return { $schema, title, description, ...resto };
}

/** dati.schema.json: the same bytes for the same code, two-space indented, final newline. */
export function schemaDatiJson(): string {
  cache ??= JSON.stringify(schemaDati(), null, 2) + "\n";
  return cache;
}
