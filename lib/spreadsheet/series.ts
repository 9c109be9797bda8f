/**
 * Importing the numbers behind a chart (serie) from a sheet. Usual layout: the first
 * row names the series, the first column holds the categories (years or labels).
 * Transposed layout, recognised when the header row is all years and the first column
 * is not: each row is a series, each column a year.
 */
import { serieSchema, type Serie } from "../content/blocks";
import { interpretaCella } from "../numbers/parse";
import { cella, nomeColonna, rigaVuota, type ErroreRiga } from "./indicators";

export interface OpzioniSerie {
  titolo: string;
  grafico: Serie["grafico"];
  unita?: string;
}

export interface RisultatoSerie {
  /** null when there is any error: a chart is imported whole or not at all. */
  serie: Serie | null;
  errori: ErroreRiga[];
  erroriFile: string[];
  /** True when the rows were read as series (header row of years). */
  trasposta: boolean;
}

interface Posizione {
  r: number; // 0-based row in the grid
  c: number; // 0-based column in the grid
}

const MAX_CATEGORIE = 200;
const MAX_SERIE = 50;

function sembraAnno(testo: string): boolean {
  if (!/^\d{4}$/.test(testo)) return false;
  const n = Number(testo);
  return n >= 1900 && n <= 2100;
}

export function righeSerie(griglia: string[][], opzioni: OpzioniSerie): RisultatoSerie {
  const erroriFile: string[] = [];
  const errori: ErroreRiga[] = [];
  const intestazione = griglia[0] ?? [];
  const vuoto = (trasposta = false): RisultatoSerie => ({ serie: null, errori, erroriFile, trasposta });

  if (rigaVuota(intestazione)) {
    erroriFile.push(
      griglia.length === 0
        ? "Il file è vuoto."
        : "La prima riga è vuota: deve contenere i nomi delle serie (o gli anni), con la prima cella per l'intestazione delle categorie.",
    );
    return vuoto();
  }

  const righeDati: number[] = [];
  for (let r = 1; r < griglia.length; r++) if (!rigaVuota(griglia[r])) righeDati.push(r);
  const larghezza = Math.max(...griglia.map((r) => r.length));
  const colonneDati: number[] = [];
  for (let c = 1; c < larghezza; c++) {
    if (cella(griglia, 0, c) !== "" || righeDati.some((r) => cella(griglia, r, c) !== "")) colonneDati.push(c);
  }
  if (colonneDati.length === 0) {
    erroriFile.push("Serve almeno una colonna di valori accanto alla colonna delle categorie.");
  }
  if (righeDati.length === 0) {
    erroriFile.push("Il file contiene solo la riga di intestazione: mancano le righe con i valori.");
  }
  if (erroriFile.length > 0) return vuoto();

  const trasposta =
    colonneDati.every((c) => sembraAnno(cella(griglia, 0, c))) && !righeDati.every((r) => sembraAnno(cella(griglia, r, 0)));

  const posCategorie: Posizione[] = trasposta ? colonneDati.map((c) => ({ r: 0, c })) : righeDati.map((r) => ({ r, c: 0 }));
  const posSerie: Posizione[] = trasposta ? righeDati.map((r) => ({ r, c: 0 })) : colonneDati.map((c) => ({ r: 0, c }));
  const posValore = (categoria: number, serie: number): Posizione =>
    trasposta ? { r: righeDati[serie], c: colonneDati[categoria] } : { r: righeDati[categoria], c: colonneDati[serie] };

  const segnalate = new Set<string>();
  const errore = (p: Posizione, messaggio: string) => {
    errori.push({ riga: p.r + 1, colonna: nomeColonna(intestazione, p.c), messaggio });
    segnalate.add(`${p.r}:${p.c}`);
  };
  const dove = (p: Posizione) => (trasposta ? `nella colonna «${nomeColonna(intestazione, p.c)}»` : `alla riga ${p.r + 1}`);
  const doveSerie = (p: Posizione) => (trasposta ? `alla riga ${p.r + 1}` : `nella colonna «${nomeColonna(intestazione, p.c)}»`);

  if (posCategorie.length > MAX_CATEGORIE) {
    erroriFile.push(`Le categorie sono ${posCategorie.length}: al massimo se ne possono importare ${MAX_CATEGORIE}.`);
  }
  if (posSerie.length > MAX_SERIE) {
    erroriFile.push(`Le serie sono ${posSerie.length}: al massimo se ne possono importare ${MAX_SERIE}.`);
  }
  if (erroriFile.length > 0) return vuoto(trasposta);

  const categorie = posCategorie.map((p) => cella(griglia, p.r, p.c));
  const primaCategoria = new Map<string, Posizione>();
  categorie.forEach((testo, i) => {
    const p = posCategorie[i];
    if (testo === "") {
      errore(p, "Manca la categoria: scrivere l'anno o la voce a cui si riferiscono i valori.");
      return;
    }
    const chiave = testo.toLowerCase();
    const prima = primaCategoria.get(chiave);
    if (prima) errore(p, `La categoria «${testo}» è ripetuta: compare già ${dove(prima)}. Ogni categoria va indicata una sola volta.`);
    else primaCategoria.set(chiave, p);
  });

  const nomi = posSerie.map((p) => cella(griglia, p.r, p.c));
  const primaSerie = new Map<string, Posizione>();
  nomi.forEach((testo, j) => {
    const p = posSerie[j];
    if (testo === "") {
      errore(p, "Manca il nome della serie: scrivere che cosa rappresentano questi valori (ad esempio «Arrivi»).");
      return;
    }
    const chiave = testo.toLowerCase();
    const prima = primaSerie.get(chiave);
    if (prima) errore(p, `La serie «${testo}» è ripetuta: compare già ${doveSerie(prima)}. Ogni serie va indicata una sola volta.`);
    else primaSerie.set(chiave, p);
  });

  const serie = nomi.map((nome, j) => ({
    nome,
    valori: categorie.map((_, i) => {
      const p = posValore(i, j);
      const esito = interpretaCella(cella(griglia, p.r, p.c));
      if (esito.ok) return esito.valore;
      errore(p, esito.messaggio);
      return null;
    }),
  }));

  const candidato: Record<string, unknown> = {
    tipo: "serie",
    titolo: opzioni.titolo,
    grafico: opzioni.grafico,
    categorie,
    serie,
  };
  const unita = opzioni.unita?.trim();
  if (unita) candidato.unita = unita;

  const esito = serieSchema.safeParse(candidato);
  if (!esito.success) {
    for (const issue of esito.error.issues) {
      const [campo, indice] = issue.path;
      let p: Posizione | undefined;
      if (campo === "categorie" && typeof indice === "number") p = posCategorie[indice];
      if (campo === "serie" && typeof indice === "number") p = posSerie[indice];
      if (p) {
        if (!segnalate.has(`${p.r}:${p.c}`)) errore(p, issue.message);
      } else {
        const nomeCampo: Record<string, string> = { titolo: "Titolo", grafico: "Tipo di grafico", unita: "Unità", categorie: "Categorie", serie: "Serie" };
        erroriFile.push(`${nomeCampo[String(campo)] ?? String(campo ?? "Serie")}: ${issue.message}`);
      }
    }
  }
  errori.sort((a, b) => a.riga - b.riga);
  if (!esito.success || errori.length > 0 || erroriFile.length > 0) return vuoto(trasposta);
  return { serie: esito.data, errori, erroriFile, trasposta };
}
