/**
 * Data checks shown while a section is edited. Pure functions over block payloads:
 * "errore" blocks sending the section for review, "avviso" only asks the author to look again.
 * `campo` is the dotted path inside the block payload the message belongs to.
 */
import { ugualeAllaBase } from "./content/baseline";
import type { Blocco, Indicatore, Serie } from "./content/blocks";
import { noteDelTesto, richDocToPlainText } from "./content/rich-text";
import { colonneDiAnni, intestazioneDiAnni } from "./content/tabelle";
import { formatNumero, formatValore } from "./numbers/format";

export type Livello = "errore" | "avviso";
export interface Segnalazione {
  livello: Livello;
  codice: string;
  campo: string;
  messaggio: string;
}
export interface ContestoControlli {
  annoInizio: number;
  annoFine: number;
}

const ANNO_MIN = 1900;
const ANNO_MAX = 2100;
/** A change above this share (in %) from one year to the next is worth a second look. */
export const SOGLIA_SALTO = 50;
/** Stated and computed changes may differ by this many percentage points (rounding). */
export const TOLLERANZA_CONFRONTO = 1;
const EPS = 1e-9;

export function haErrori(s: Segnalazione[]): boolean {
  return s.some((x) => x.livello === "errore");
}

/** "2014" → 2014 when a category is a year (1900–2100); "0-14 anni" → null. */
export function annoDaCategoria(categoria: string): number | null {
  const m = /^\s*(\d{4})\s*$/.exec(categoria ?? "");
  if (!m) return null;
  const anno = Number(m[1]);
  return anno >= ANNO_MIN && anno <= ANNO_MAX ? anno : null;
}

/** Every year (1900–2100) written in a text: "al 31/12/2015" → [2015]. */
export function anniNelTesto(testo: string): number[] {
  const anni: number[] = [];
  for (const m of (testo ?? "").matchAll(/(?<!\d)(\d{4})(?!\d)/g)) {
    const anno = Number(m[1]);
    if (anno >= ANNO_MIN && anno <= ANNO_MAX) anni.push(anno);
  }
  return anni;
}

/** The year an indicator refers to: the last year in `riferimento`, else the edition's last year. */
export function annoDiRiferimento(ind: Indicatore, ctx: ContestoControlli): number {
  const anni = anniNelTesto(ind.riferimento ?? "");
  return anni.length > 0 ? anni[anni.length - 1] : ctx.annoFine;
}

/**
 * The years a comparison is made between, read from its wording:
 * "dal 2014" / "rispetto al 2015" / "sul 2014" → { base }, "tra 2014 e 2016" / "dal 2014 al 2016" → { base, fine }.
 * "rispetto alla media italiana" → null.
 */
export function anniDelConfronto(testo: string): { base: number; fine?: number } | null {
  const t = (testo ?? "").replace(/\s+/g, " ");
  const intervallo =
    /\b(?:tra|fra) (?:il )?(\d{4}) e (?:il )?(\d{4})(?!\d)/i.exec(t) ?? /\bdal (\d{4}) al (\d{4})(?!\d)/i.exec(t);
  if (intervallo) return { base: Number(intervallo[1]), fine: Number(intervallo[2]) };
  const base = /\b(?:dal|rispetto al|sul|in confronto al|confronto con il|nei confronti del) (\d{4})(?!\d)/i.exec(t);
  if (base) return { base: Number(base[1]) };
  return null;
}

function testoVuoto(s: string | undefined | null): boolean {
  return !s || s.trim() === "";
}

function percentuale(x: number): string {
  return `${formatNumero(Math.round(x * 10) / 10, { variazione: true })}%`;
}

/** (nuovo - vecchio) / |vecchio| in %, or null when the old value is 0. */
function variazionePercentuale(vecchio: number, nuovo: number): number | null {
  if (vecchio === 0) return null;
  return ((nuovo - vecchio) / Math.abs(vecchio)) * 100;
}

// 1. senza-fonte ---------------------------------------------------------------

export function controllaSenzaFonte(b: Blocco): Segnalazione[] {
  const richiede =
    b.tipo === "indicatore" ||
    b.tipo === "tabella" ||
    (b.tipo === "serie" && !b.datiMancanti) ||
    (b.tipo === "scheda" && b.risultati.length > 0);
  if (!richiede || !testoVuoto(b.fonte)) return [];
  const cosa = {
    indicatore: "Questo indicatore",
    serie: "Questa serie di dati",
    tabella: "Questa tabella",
    scheda: "I risultati di questa scheda",
    testo: "Questo testo",
  }[b.tipo];
  return [
    {
      livello: "avviso",
      codice: "senza-fonte",
      campo: "fonte",
      messaggio: `${cosa} non indica la fonte dei dati: aggiungi la fonte (ad esempio «Anagrafe comunale» o «ISTAT»).`,
    },
  ];
}

// 2. salto-anomalo ---------------------------------------------------------------

/** In a serie by year, a value more than ±50% away from the previous year's value in the same row. */
export function controllaSaltiAnomali(b: Blocco): Segnalazione[] {
  if (b.tipo !== "serie") return [];
  const anni = b.categorie.map(annoDaCategoria);
  if (anni.length < 2 || anni.some((a) => a === null)) return [];
  // Walk the categories in year order, whatever order the author typed them in.
  const ordine = anni.map((a, j) => ({ anno: a as number, j })).sort((x, y) => x.anno - y.anno);
  const out: Segnalazione[] = [];
  b.serie.forEach((riga, i) => {
    let prec: { anno: number; valore: number } | null = null;
    for (const { anno, j } of ordine) {
      const v = riga.valori[j];
      if (v === null || v === undefined || !Number.isFinite(v)) continue;
      if (prec && prec.anno < anno) {
        const varPerc = variazionePercentuale(prec.valore, v);
        const chi = b.serie.length > 1 ? `La serie «${riga.nome}»` : `«${riga.nome}»`;
        const da = `${formatNumero(prec.valore)} nel ${prec.anno}`;
        const a = `${formatNumero(v)} nel ${anno}`;
        if (varPerc === null) {
          if (v !== 0) {
            out.push({
              livello: "avviso",
              codice: "salto-anomalo",
              campo: `serie.${i}.valori.${j}`,
              messaggio: `${chi} passa da ${da} a ${a}: controlla che il valore sia giusto.`,
            });
          }
        } else if (Math.abs(varPerc) > SOGLIA_SALTO + EPS) {
          out.push({
            livello: "avviso",
            codice: "salto-anomalo",
            campo: `serie.${i}.valori.${j}`,
            messaggio:
              `${chi} passa da ${da} a ${a} (${percentuale(varPerc)}): ` +
              `una variazione di oltre il ${SOGLIA_SALTO}% in un anno, controlla che il valore sia giusto.`,
          });
        }
      }
      prec = { anno, valore: v };
    }
  });
  return out;
}

// 3. confronto-contraddetto ---------------------------------------------------------------

interface Riscontro {
  nome: string;
  variazione: number;
  base: number;
  fine: number;
  valoreBase: number;
  valoreFine: number;
}

/**
 * An indicator's "+20% dal 2014" against the series of the same section that have both years.
 * Reported only when no series row agrees within ±1 percentage point; the closest row is named.
 * Returns the segnalazioni keyed by the indicator's block index.
 */
export function controllaConfrontiContraddetti(blocchi: Blocco[], ctx: ContestoControlli): Map<number, Segnalazione[]> {
  const out = new Map<number, Segnalazione[]>();
  const serie = blocchi.filter((b): b is Serie => b.tipo === "serie" && !b.datiMancanti);
  blocchi.forEach((b, indice) => {
    if (b.tipo !== "indicatore" || !b.confronti) return;
    b.confronti.forEach((c, k) => {
      if (c.valore === undefined || c.valore === null || !Number.isFinite(c.valore)) return;
      if (c.tipo !== undefined && c.tipo !== "differenza") return;
      if ((c.unita ?? "").trim() !== "%") return;
      const anni = anniDelConfronto(c.testo);
      if (!anni) return;
      const base = anni.base;
      const fine = anni.fine ?? annoDiRiferimento(b, ctx);
      if (base === fine) return;

      const riscontri: Riscontro[] = [];
      for (const s of serie) {
        const jBase = s.categorie.findIndex((cat) => annoDaCategoria(cat) === base);
        const jFine = s.categorie.findIndex((cat) => annoDaCategoria(cat) === fine);
        if (jBase < 0 || jFine < 0) continue;
        for (const riga of s.serie) {
          const vb = riga.valori[jBase];
          const vf = riga.valori[jFine];
          if (vb === null || vb === undefined || vf === null || vf === undefined) continue;
          const variazione = variazionePercentuale(vb, vf);
          if (variazione === null) continue;
          const nome = s.serie.length > 1 && riga.nome !== s.titolo ? `${riga.nome}» in «${s.titolo}` : riga.nome;
          riscontri.push({ nome, variazione, base, fine, valoreBase: vb, valoreFine: vf });
        }
      }
      if (riscontri.length === 0) return;
      if (riscontri.some((r) => Math.abs(r.variazione - c.valore!) <= TOLLERANZA_CONFRONTO + EPS)) return;
      const r = riscontri.reduce((x, y) =>
        Math.abs(y.variazione - c.valore!) < Math.abs(x.variazione - c.valore!) ? y : x,
      );
      const dichiarato = formatValore(c.valore, "%", { variazione: true });
      const altre = riscontri.length > 1 ? ` (nessuna delle ${riscontri.length} serie con il ${base} e il ${fine} corrisponde)` : "";
      const lista = out.get(indice) ?? [];
      lista.push({
        livello: "errore",
        codice: "confronto-contraddetto",
        campo: `confronti.${k}.valore`,
        messaggio:
          `Il confronto dice ${dichiarato} ${c.testo.trim()}, ma la serie «${r.nome}» dà ${percentuale(r.variazione)} ` +
          `(${r.base}: ${formatNumero(r.valoreBase)} → ${r.fine}: ${formatNumero(r.valoreFine)})${altre}.`,
      });
      out.set(indice, lista);
    });
  });
  return out;
}

// 4. unita-mancante ---------------------------------------------------------------

export function controllaUnitaMancante(b: Blocco): Segnalazione[] {
  const consiglio = "indica l'unità di misura (ad esempio «abitanti», «euro», «%», «kmq»)";
  if (b.tipo === "indicatore") {
    if (b.valore === null || b.valore === undefined || !testoVuoto(b.unita)) return [];
    return [
      {
        livello: "avviso",
        codice: "unita-mancante",
        campo: "unita",
        messaggio: `Il valore ${formatNumero(b.valore)} non ha un'unità di misura: ${consiglio}.`,
      },
    ];
  }
  if (b.tipo === "scheda") {
    const out: Segnalazione[] = [];
    b.risultati.forEach((r, i) => {
      if (r.valore === null || r.valore === undefined || !testoVuoto(r.unita)) return;
      out.push({
        livello: "avviso",
        codice: "unita-mancante",
        campo: `risultati.${i}.unita`,
        messaggio: `Il risultato ${i + 1} (${formatNumero(r.valore)}) non ha un'unità di misura: ${consiglio}.`,
      });
    });
    return out;
  }
  return [];
}

// 5. anno-fuori-edizione ---------------------------------------------------------------

/**
 * A year outside the edition: in an indicator's `riferimento`, outside [annoInizio, annoFine + 1]
 * (the first months of the next year are allowed); in a serie's categories, outside
 * [annoInizio - 10, annoFine + 1] (earlier years are legitimate history).
 */
export function controllaAnniFuoriEdizione(b: Blocco, ctx: ContestoControlli): Segnalazione[] {
  const edizione =
    ctx.annoInizio === ctx.annoFine ? `dell'anno ${ctx.annoInizio}` : `degli anni ${ctx.annoInizio}–${ctx.annoFine}`;
  const out: Segnalazione[] = [];
  if (b.tipo === "indicatore") {
    const visti = new Set<number>();
    for (const anno of anniNelTesto(b.riferimento ?? "")) {
      if (visti.has(anno)) continue;
      visti.add(anno);
      if (anno < ctx.annoInizio || anno > ctx.annoFine + 1) {
        out.push({
          livello: "avviso",
          codice: "anno-fuori-edizione",
          campo: "riferimento",
          messaggio:
            `Il riferimento indica il ${anno}, fuori dal periodo di questo bilancio sociale ${edizione}: ` +
            `controlla l'anno (sono ammessi gli anni dal ${ctx.annoInizio} al ${ctx.annoFine + 1}).`,
        });
      }
    }
  }
  if (b.tipo === "serie") {
    const minimo = ctx.annoInizio - 10;
    b.categorie.forEach((cat, j) => {
      const anno = annoDaCategoria(cat);
      if (anno === null || (anno >= minimo && anno <= ctx.annoFine + 1)) return;
      out.push({
        livello: "avviso",
        codice: "anno-fuori-edizione",
        campo: `categorie.${j}`,
        messaggio:
          `La categoria ${anno} è fuori dal periodo di questo bilancio sociale ${edizione}: ` +
          `una serie può mostrare gli anni dal ${minimo} al ${ctx.annoFine + 1}, controlla l'anno.`,
      });
    });
  }
  return out;
}

// 6. valore-invariato ---------------------------------------------------------------

/**
 * An indicator carried forward from the previous edition that still shows its value
 * and reference: probably not updated yet. Only a warning: a figure may truly be unchanged.
 */
export function controllaValoreInvariato(b: Blocco): Segnalazione[] {
  if (b.tipo !== "indicatore" || !ugualeAllaBase(b)) return [];
  return [
    {
      livello: "avviso",
      codice: "valore-invariato",
      campo: "valore",
      messaggio: "Valore uguale a quello dell'edizione precedente: aggiornalo se è cambiato",
    },
  ];
}

// 7. anni-come-numeri ---------------------------------------------------------------

const eAnno = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= ANNO_MIN && v <= ANNO_MAX;

/** "2014, 2015 e 2016", at most three, without repeats. */
function elencoAnni(anni: readonly number[]): string {
  const unici = [...new Set(anni)];
  const primi = unici.slice(0, 3).map(String);
  if (unici.length > 3) return `${primi.join(", ")}…`;
  return primi.length > 1 ? `${primi.slice(0, -1).join(", ")} e ${primi[primi.length - 1]}` : primi[0];
}

/**
 * Years stored as numbers, where they are labels and not quantities: a table column
 * of years (headed "Anno"/"Anni", or all of whose numbers are whole years 1900–2100)
 * holding numbers; a series row of years (named "Anno", or rising year by year:
 * 2014, 2015, 2016) among the values; a series category written like a number,
 * "2.014". As numbers they are summed, sorted and printed as quantities ("2.014" in
 * a spreadsheet or in the open data); as text they stay what the author wrote.
 */
export function controllaAnniComeNumeri(b: Blocco): Segnalazione[] {
  const out: Segnalazione[] = [];
  if (b.tipo === "tabella") {
    const anni = colonneDiAnni(b);
    b.intestazione.forEach((h, j) => {
      if (!anni[j]) return;
      const numeri = b.righe.map((r) => r[j]).filter((c): c is number => typeof c === "number");
      if (numeri.length === 0 || !numeri.every(eAnno)) return;
      const colonna = h.trim() ? `La colonna «${h.trim()}»` : `La colonna ${j + 1}`;
      out.push({
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: `intestazione.${j}`,
        messaggio:
          `${colonna} contiene anni salvati come numeri (${elencoAnni(numeri)}): un anno è un'etichetta, non una quantità. ` +
          `Riscrivi gli anni nelle celle, così sono salvati come testo (ad esempio «${numeri[0]}» e non «${formatNumero(numeri[0])}»).`,
      });
    });
  }
  if (b.tipo === "serie") {
    b.serie.forEach((riga, i) => {
      const valori = riga.valori.filter((v): v is number => v !== null && v !== undefined);
      if (valori.length === 0 || !valori.every(eAnno)) return;
      // Counts near 2000 are not years: without the name, only a run rising by 1–5 a step reads as years.
      const diAnno = valori.length >= 2 && valori.every((v, k) => k === 0 || (v - valori[k - 1] >= 1 && v - valori[k - 1] <= 5));
      if (!intestazioneDiAnni(riga.nome) && !diAnno) return;
      out.push({
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: `serie.${i}.nome`,
        messaggio:
          `La serie «${riga.nome}» contiene anni (${elencoAnni(valori)}) salvati come valori da disegnare: ` +
          `gli anni vanno nelle categorie, la colonna delle etichette del grafico; sposta lì gli anni e togli questa serie.`,
      });
    });
    b.categorie.forEach((cat, j) => {
      const m = /^\s*(\d)[.\s  ](\d{3})\s*$/.exec(cat ?? "");
      if (!m) return;
      const anno = Number(m[1] + m[2]);
      if (!eAnno(anno)) return;
      out.push({
        livello: "avviso",
        codice: "anni-come-numeri",
        campo: `categorie.${j}`,
        messaggio: `La categoria «${cat.trim()}» sembra un anno scritto come un numero, con il separatore delle migliaia: scrivi ${anno}.`,
      });
    });
  }
  return out;
}

// 8. blocco-vuoto ---------------------------------------------------------------

const cellaVuota = (c: string | number | null | undefined): boolean => c === null || c === undefined || (typeof c === "string" && c.trim() === "");

/**
 * A block with nothing to print: a text with neither title nor words (empty paragraphs
 * only), a table without rows or whose cells are all empty, a series without any value,
 * a PRIMA/DOPO card without its title, its PRIMA or its DOPO. The schema lets these be
 * saved (a new block starts so), so they are warnings, named on the field to fill; only
 * the card's title, which the schema requires, is an error. A series marked "dati non
 * disponibili" is empty on purpose.
 */
export function controllaBloccoVuoto(b: Blocco): Segnalazione[] {
  const avviso = (campo: string, messaggio: string): Segnalazione => ({ livello: "avviso", codice: "blocco-vuoto", campo, messaggio });
  switch (b.tipo) {
    case "testo":
      // A title alone is a subheading over the blocks that follow (the demo has many): not empty.
      if (!testoVuoto(b.titolo) || richDocToPlainText(b.contenuto) !== "" || noteDelTesto(b.contenuto).length > 0) return [];
      return [avviso("contenuto", "Il blocco di testo è vuoto: scrivi il testo oppure elimina il blocco.")];
    case "tabella":
      if (b.righe.length === 0) return [avviso("righe", "La tabella non ha righe: aggiungi i dati oppure elimina il blocco.")];
      if (b.righe.every((r) => r.every(cellaVuota))) {
        return [avviso("righe.0.0", "Le celle della tabella sono tutte vuote: inserisci i dati oppure elimina il blocco.")];
      }
      return [];
    case "serie": {
      if (b.datiMancanti) return [];
      const rimedio = "inserisci i dati, oppure segna che i dati di questo grafico non sono disponibili";
      if (b.categorie.length === 0) return [avviso("categorie", `Il grafico non ha righe né valori: ${rimedio}.`)];
      if (b.serie.length > 0 && b.serie.every((r) => r.valori.every((v) => v === null || v === undefined))) {
        return [avviso("serie.0.valori.0", `Il grafico non ha valori: ${rimedio}.`)];
      }
      return [];
    }
    case "scheda": {
      const out: Segnalazione[] = [];
      if (testoVuoto(b.titolo)) {
        out.push({ livello: "errore", codice: "blocco-vuoto", campo: "titolo", messaggio: "La scheda non ha un titolo: scrivi il titolo del progetto." });
      }
      if (b.prima.every(testoVuoto)) out.push(avviso("prima", "La scheda non descrive il PRIMA: aggiungi almeno un punto su com'era la situazione."));
      if (b.dopo.every(testoVuoto)) out.push(avviso("dopo", "La scheda non descrive il DOPO: aggiungi almeno un punto su che cosa è cambiato."));
      return out;
    }
    case "indicatore":
      return [];
  }
}

// ---------------------------------------------------------------

export function controllaBlocco(b: Blocco, ctx: ContestoControlli): Segnalazione[] {
  return [
    ...controllaBloccoVuoto(b),
    ...controllaSenzaFonte(b),
    ...controllaUnitaMancante(b),
    ...controllaAnniFuoriEdizione(b, ctx),
    ...controllaAnniComeNumeri(b),
    ...controllaSaltiAnomali(b),
    ...controllaValoreInvariato(b),
  ];
}

/**
 * Section-wide checks that need several blocks (e.g. a comparison contradicted by a series);
 * returns per-block lists keyed by block index. Every block has an entry (empty when clean),
 * errors first.
 */
export function controllaSezione(blocchi: Blocco[], ctx: ContestoControlli): Map<number, Segnalazione[]> {
  const out = new Map<number, Segnalazione[]>();
  blocchi.forEach((b, i) => out.set(i, controllaBlocco(b, ctx)));
  for (const [i, lista] of controllaConfrontiContraddetti(blocchi, ctx)) {
    out.set(i, [...lista, ...(out.get(i) ?? [])]);
  }
  return out;
}
