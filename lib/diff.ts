/**
 * What changed between two revisions of a section, for the second review:
 * the coordinator reads only the blocks that changed, with each changed figure
 * shown old → new and each text edit marked word by word.
 *
 * Pure functions over block payloads (revisions carry no block ids), so blocks
 * are matched by content:
 * 1. identical blocks are matched first (longest common subsequence of a stable
 *    JSON key of each block): they are "invariato";
 * 2. among the rest, blocks of the same kind that sit between the same two
 *    matched neighbours are paired, the most similar first (same title or
 *    caption, most words in common): they are "modificato". A block that is
 *    clearly the same one (same title, or half its words in common) is paired
 *    even if it was also moved past other blocks;
 * 3. whatever is left is "aggiunto" or "rimosso".
 *
 * A block MOVED elsewhere in the section (with no other change) is therefore
 * reported as "rimosso" where it was and "aggiunto" where it is now, never as
 * "modificato": the two entries have identical content, and `spostati()` finds
 * such pairs so that a view can show them as one move.
 */
import { TIPI_BLOCCO, type Blocco, type Indicatore, type Scheda, type Serie, type Tabella, type Testo } from "./content/blocks";
import { noteDelTesto, richDocToPlainText, type RichDoc } from "./content/rich-text";
import { cellaStampata, colonneDiAnni } from "./content/tabelle";
import { formatValore } from "./numbers/format";
import { testoConfronto, testoImporto, testoRisultato } from "./content/cifre";

export type ParteTesto = { tipo: "uguale" | "aggiunto" | "tolto"; testo: string };

export type Modifica =
  /** A figure or short field: formatted old → new ("71.924 abitanti" → "72.001 abitanti"). */
  | { tipo: "valore"; campo: string; etichetta: string; prima: string; dopo: string }
  /** Word-level diff of a longer text. */
  | { tipo: "testo"; campo: string; etichetta: string; parti: ParteTesto[] };

export type VoceDiff =
  | { esito: "aggiunto"; indice: number; blocco: Blocco }
  | { esito: "rimosso"; indicePrima: number; blocco: Blocco }
  | { esito: "modificato"; indice: number; indicePrima: number; prima: Blocco; dopo: Blocco; modifiche: Modifica[] }
  | { esito: "invariato"; indice: number; indicePrima: number; blocco: Blocco };

/** How an empty or missing value is printed in a "valore" change. */
export const VUOTO = "—";

/** Texts longer than this (or spanning lines) are compared word by word. */
const LUNGHEZZA_TESTO = 80;

// ---------------------------------------------------------------------------
// Stable keys

function ordina(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ordina);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = ordina(x);
    }
    return out;
  }
  return v;
}

/** The same JSON for the same content, whatever the key order; undefined fields are left out. */
export function chiaveStabile(v: unknown): string {
  return JSON.stringify(ordina(v)) ?? "undefined";
}

// ---------------------------------------------------------------------------
// Longest common subsequence (Myers' O(ND) algorithm)

/** Most edits Myers' algorithm explores before giving up (memory grows with its square). */
const MAX_MODIFICHE = 2500;

/**
 * Index pairs [i, j] with a[i] === b[j] forming a longest common subsequence,
 * in increasing order. Common prefix and suffix are taken off first; when the
 * middle differs by more than MAX_MODIFICHE edits it is treated as all changed.
 */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  let inizio = 0;
  while (inizio < a.length && inizio < b.length && a[inizio] === b[inizio]) inizio++;
  let fineA = a.length;
  let fineB = b.length;
  while (fineA > inizio && fineB > inizio && a[fineA - 1] === b[fineB - 1]) {
    fineA--;
    fineB--;
  }
  const out: [number, number][] = [];
  for (let i = 0; i < inizio; i++) out.push([i, i]);
  const centro = myers(a.slice(inizio, fineA), b.slice(inizio, fineB));
  for (const [i, j] of centro) out.push([i + inizio, j + inizio]);
  for (let i = fineA, j = fineB; i < a.length; i++, j++) out.push([i, j]);
  return out;
}

function myers(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const max = n + m;
  const off = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the furthest x of each diagonal k ∈ [-d, d] before step d (index k + d).
  const trace: Int32Array[] = [];
  let trovato = -1;
  for (let d = 0; d <= Math.min(max, MAX_MODIFICHE) && trovato < 0; d++) {
    trace.push(v.slice(off - d, off + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        trovato = d;
        break;
      }
    }
  }
  if (trovato < 0) return [];
  const coppie: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trovato; d >= 0; d--) {
    let px = 0;
    let py = 0;
    if (d > 0) {
      const t = trace[d];
      const at = (kk: number) => t[kk + d];
      const k = x - y;
      const pk = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
      px = at(pk);
      py = px - pk;
    }
    // The diagonal (matching) run that ends at (x, y), back to the step from (px, py).
    while (x > px && y > py) {
      x--;
      y--;
      coppie.push([x, y]);
    }
    x = px;
    y = py;
  }
  return coppie.reverse();
}

// ---------------------------------------------------------------------------
// Alignment of two lists: identical items, paired similar items, additions, removals

type Allineato =
  | { tipo: "uguale"; prima: number; dopo: number }
  | { tipo: "coppia"; prima: number; dopo: number }
  | { tipo: "aggiunto"; dopo: number }
  | { tipo: "tolto"; prima: number };

/**
 * Aligns two lists: identical keys first (LCS); then pairs of items that
 * `simili` scores (null = cannot be paired), highest score first and, on ties,
 * the closest positions:
 * - with `lontani`, a score of 1 or more is a strong likeness: strong pairs are
 *   made between the same matched neighbours first, then anywhere in the list
 *   (an item moved AND edited), never between identical items (a pure move
 *   stays a removal plus an addition);
 * - then any pair between the same matched neighbours.
 * The result follows `dopo`'s order; each removed item comes right after the
 * last entry that preceded it.
 */
function allinea(
  chiaviPrima: readonly string[],
  chiaviDopo: readonly string[],
  simili: (i: number, j: number) => number | null,
  lontani = false,
): Allineato[] {
  const uguali = lcs(chiaviPrima, chiaviDopo);
  const coppiaDiDopo = new Map<number, Allineato>();
  const usatiPrima = new Set<number>();
  for (const [i, j] of uguali) {
    coppiaDiDopo.set(j, { tipo: "uguale", prima: i, dopo: j });
    usatiPrima.add(i);
  }
  type Candidato = { i: number; j: number; punti: number; distanza: number };
  const candidato = (i: number, j: number, pa: number, pb: number, da: number, db: number): Candidato | null => {
    const punti = simili(i, j);
    if (punti === null) return null;
    // Relative position inside the stretch, so that tied candidates pair in order.
    const distanza = Math.abs((i - pa) / (pb - pa) - (j - da) / (db - da));
    return { i, j, punti, distanza };
  };
  const accoppia = (candidati: Candidato[], minimo: number) => {
    candidati.sort((x, y) => y.punti - x.punti || x.distanza - y.distanza || x.j - y.j);
    for (const c of candidati) {
      if (c.punti < minimo || usatiPrima.has(c.i) || coppiaDiDopo.has(c.j)) continue;
      usatiPrima.add(c.i);
      coppiaDiDopo.set(c.j, { tipo: "coppia", prima: c.i, dopo: c.j });
    }
  };
  // The gaps between matched neighbours, including before the first and after the last.
  const ancore: [number, number][] = [[-1, -1], ...uguali, [chiaviPrima.length, chiaviDopo.length]];
  const nelleLacune = (minimo: number) => {
    for (let s = 1; s < ancore.length; s++) {
      const [pa, da] = ancore[s - 1];
      const [pb, db] = ancore[s];
      const candidati: Candidato[] = [];
      for (let i = pa + 1; i < pb; i++) {
        if (usatiPrima.has(i)) continue;
        for (let j = da + 1; j < db; j++) {
          if (coppiaDiDopo.has(j)) continue;
          const c = candidato(i, j, pa, pb, da, db);
          if (c) candidati.push(c);
        }
      }
      accoppia(candidati, minimo);
    }
  };
  if (lontani) {
    nelleLacune(1);
    const candidati: Candidato[] = [];
    for (let i = 0; i < chiaviPrima.length; i++) {
      if (usatiPrima.has(i)) continue;
      for (let j = 0; j < chiaviDopo.length; j++) {
        if (coppiaDiDopo.has(j) || chiaviPrima[i] === chiaviDopo[j]) continue;
        const c = candidato(i, j, -1, chiaviPrima.length, -1, chiaviDopo.length);
        if (c) candidati.push(c);
      }
    }
    accoppia(candidati, 1);
  }
  nelleLacune(-Infinity);
  const out: Allineato[] = chiaviDopo.map((_, j) => coppiaDiDopo.get(j) ?? { tipo: "aggiunto", dopo: j });
  for (let i = 0; i < chiaviPrima.length; i++) {
    if (usatiPrima.has(i)) continue;
    let pos = 0;
    out.forEach((a, k) => {
      if (a.tipo !== "aggiunto" && a.prima < i) pos = k + 1;
    });
    out.splice(pos, 0, { tipo: "tolto", prima: i });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Word-level diff

const TOKEN = /\s+|\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}]+|[^\s\p{L}\p{N}]/gu;

function tokens(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

/**
 * Word-level diff: words, numbers, whitespace and punctuation are tokens, so
 * joining the "uguale" and "tolto" parts gives back `prima` and joining the
 * "uguale" and "aggiunto" parts gives back `dopo`. Within a change, what was
 * removed comes before what was added.
 */
export function parole(prima: string, dopo: string): ParteTesto[] {
  const a = tokens(prima);
  const b = tokens(dopo);
  const grezze: ParteTesto[] = [];
  const spingi = (tipo: ParteTesto["tipo"], testo: string) => {
    const ultima = grezze[grezze.length - 1];
    if (ultima?.tipo === tipo) ultima.testo += testo;
    else grezze.push({ tipo, testo });
  };
  let i = 0;
  let j = 0;
  for (const [mi, mj] of [...lcs(a, b), [a.length, b.length] as [number, number]]) {
    for (; i < mi; i++) spingi("tolto", a[i]);
    for (; j < mj; j++) spingi("aggiunto", b[j]);
    if (mi < a.length) {
      spingi("uguale", a[mi]);
      i = mi + 1;
      j = mj + 1;
    }
  }
  // A lone space between two changes belongs to the change: "−gatto nero +cane bianco"
  // reads better than "−gatto +cane −nero +bianco".
  const out: ParteTesto[] = [];
  let tolto = "";
  let aggiunto = "";
  const svuota = () => {
    if (tolto) out.push({ tipo: "tolto", testo: tolto });
    if (aggiunto) out.push({ tipo: "aggiunto", testo: aggiunto });
    tolto = "";
    aggiunto = "";
  };
  grezze.forEach((p, k) => {
    if (p.tipo === "tolto") tolto += p.testo;
    else if (p.tipo === "aggiunto") aggiunto += p.testo;
    else if (/^\s+$/.test(p.testo) && k > 0 && k < grezze.length - 1 && grezze[k + 1].tipo !== "uguale" && (tolto || aggiunto)) {
      tolto += p.testo;
      aggiunto += p.testo;
    } else {
      svuota();
      out.push({ ...p });
    }
  });
  svuota();
  return out;
}

// ---------------------------------------------------------------------------
// Field-level changes

class Raccolta {
  readonly modifiche: Modifica[] = [];

  /** A short value as "valore", a long or multi-line one as word-level "testo". */
  campo(campo: string, etichetta: string, prima: string | undefined, dopo: string | undefined, sempreTesto = false) {
    const p = prima ?? "";
    const d = dopo ?? "";
    if (p === d) return;
    const lungo = sempreTesto || p.length > LUNGHEZZA_TESTO || d.length > LUNGHEZZA_TESTO || p.includes("\n") || d.includes("\n");
    if (lungo) this.modifiche.push({ tipo: "testo", campo, etichetta, parti: parole(p, d) });
    else this.modifiche.push({ tipo: "valore", campo, etichetta, prima: p || VUOTO, dopo: d || VUOTO });
  }

  /** A list of short texts, one a line. */
  elenco(campo: string, etichetta: string, prima: readonly string[], dopo: readonly string[]) {
    this.campo(campo, etichetta, prima.join("\n"), dopo.join("\n"));
  }

  /** Rich text: the words, then the footnotes, then (only if nothing else changed) the formatting. */
  ricco(campo: string, etichetta: string, etichettaNote: string, prima: RichDoc | undefined, dopo: RichDoc | undefined) {
    const testoPrima = prima ? richDocToPlainText(prima) : "";
    const testoDopo = dopo ? richDocToPlainText(dopo) : "";
    const notePrima = prima ? noteDelTesto(prima) : [];
    const noteDopo = dopo ? noteDelTesto(dopo) : [];
    this.campo(campo, etichetta, testoPrima, testoDopo, true);
    this.elenco(`${campo}.note`, etichettaNote, notePrima, noteDopo);
    if (testoPrima === testoDopo && notePrima.join("\n") === noteDopo.join("\n") && chiaveStabile(prima) !== chiaveStabile(dopo)) {
      this.modifiche.push({
        tipo: "valore",
        campo,
        etichetta: `Formattazione (${etichetta.toLowerCase()})`,
        prima: "formattazione precedente",
        dopo: "grassetto, corsivo, collegamenti, titoletti o elenchi modificati",
      });
    }
  }

  fonteNota(prima: { fonte?: string; nota?: string }, dopo: { fonte?: string; nota?: string }) {
    this.campo("fonte", "Fonte", prima.fonte, dopo.fonte);
    this.campo("nota", "Nota", prima.nota, dopo.nota);
  }
}

/** An indicator's headline as the report prints it: "71.924 abitanti", "+13%", "primo". */
export function valoreIndicatore(b: Indicatore): string {
  if (b.valore === null) return b.testoValore ?? "";
  return formatValore(b.valore, b.unita, { scala: b.scala, variazione: b.variazione });
}

const confronto = testoConfronto;

function diffIndicatore(r: Raccolta, a: Indicatore, b: Indicatore) {
  // Value, text-instead-of-number, unit, scale and sign all show in the one printed figure.
  r.campo("valore", "Valore", valoreIndicatore(a), valoreIndicatore(b));
  r.campo("etichetta", "Che cosa misura", a.etichetta, b.etichetta);
  r.campo("riferimento", "Riferimento", a.riferimento, b.riferimento);
  const ca = a.confronti ?? [];
  const cb = b.confronti ?? [];
  for (const al of allinea(ca.map(chiaveStabile), cb.map(chiaveStabile), () => 0)) {
    if (al.tipo === "uguale") continue;
    if (al.tipo === "tolto") r.campo(`confronti.${al.prima}`, `Confronto ${al.prima + 1} (eliminato)`, confronto(ca[al.prima]), undefined);
    else if (al.tipo === "aggiunto") r.campo(`confronti.${al.dopo}`, `Confronto ${al.dopo + 1}`, undefined, confronto(cb[al.dopo]));
    else r.campo(`confronti.${al.dopo}`, `Confronto ${al.dopo + 1}`, confronto(ca[al.prima]), confronto(cb[al.dopo]));
  }
  r.fonteNota(a, b);
}

const GRAFICI: Record<Serie["grafico"], string> = {
  barre: "Barre",
  linee: "Linee",
  torta: "Torta",
  "barre-in-pila": "Barre in pila",
};

/**
 * For each item of `dopo`, the index of its counterpart in `prima`: the same
 * name first, else the same position when that item's name is gone; -1 if new.
 */
function abbinaPerNome(prima: readonly string[], dopo: readonly string[]): number[] {
  const usati = new Set<number>();
  const nomiDopo = new Set(dopo);
  const out = dopo.map((nome) => {
    const i = prima.findIndex((p, k) => p === nome && !usati.has(k));
    if (i >= 0) usati.add(i);
    return i;
  });
  return out.map((i, j) => {
    if (i >= 0) return i;
    if (j < prima.length && !usati.has(j) && !nomiDopo.has(prima[j])) {
      usati.add(j);
      return j;
    }
    return -1;
  });
}

function cellaSerie(v: number | null | undefined, unita: string | undefined): string {
  return typeof v === "number" ? formatValore(v, unita) : "";
}

function diffSerie(r: Raccolta, a: Serie, b: Serie) {
  r.campo("titolo", "Titolo", a.titolo, b.titolo);
  r.campo("grafico", "Tipo di grafico", GRAFICI[a.grafico], GRAFICI[b.grafico]);
  r.campo("unita", "Unità", a.unita, b.unita);
  r.campo("datiMancanti", "Dati mancanti", a.datiMancanti ? "sì" : "no", b.datiMancanti ? "sì" : "no");
  r.campo("categorie", "Categorie", a.categorie.join(", "), b.categorie.join(", "));
  const cat = abbinaPerNome(a.categorie, b.categorie);
  const ser = abbinaPerNome(a.serie.map((s) => s.nome), b.serie.map((s) => s.nome));
  const elenca = (s: Serie["serie"][number], categorie: string[], unita: string | undefined) =>
    categorie.map((c, k) => `${c}: ${typeof s.valori[k] === "number" ? cellaSerie(s.valori[k], unita) : VUOTO}`).join("; ");
  b.serie.forEach((sb, i) => {
    const p = ser[i];
    if (p < 0) {
      r.campo(`serie.${i}`, `Serie «${sb.nome}»`, undefined, elenca(sb, b.categorie, b.unita));
      return;
    }
    const sa = a.serie[p];
    r.campo(`serie.${i}.nome`, `Nome della serie ${i + 1}`, sa.nome, sb.nome);
    b.categorie.forEach((c, j) => {
      const vb = sb.valori[j] ?? null;
      const va = cat[j] >= 0 ? (sa.valori[cat[j]] ?? null) : null;
      if (va === vb) return;
      r.campo(`serie.${i}.valori.${j}`, `«${sb.nome}» ${c}`, cellaSerie(va, a.unita), cellaSerie(vb, b.unita));
    });
  });
  a.serie.forEach((sa, p) => {
    if (!ser.includes(p)) r.campo(`serie.${p}`, `Serie «${sa.nome}» (eliminata)`, elenca(sa, a.categorie, a.unita), undefined);
  });
  r.fonteNota(a, b);
}


function diffTabella(r: Raccolta, a: Tabella, b: Tabella) {
  r.campo("titolo", "Titolo", a.titolo, b.titolo);
  const col = abbinaPerNome(a.intestazione, b.intestazione);
  b.intestazione.forEach((h, j) => {
    r.campo(`intestazione.${j}`, `Colonna ${j + 1}`, col[j] >= 0 ? a.intestazione[col[j]] : undefined, h || (col[j] < 0 ? `(colonna ${j + 1})` : ""));
  });
  a.intestazione.forEach((h, p) => {
    if (!col.includes(p)) r.campo(`intestazione`, `Colonna ${p + 1} (eliminata)`, h || `(colonna ${p + 1})`, undefined);
  });
  const mappate = col.filter((p) => p >= 0);
  if (mappate.some((p, k) => k > 0 && p < mappate[k - 1])) {
    r.campo("intestazione", "Ordine delle colonne", a.intestazione.join(", "), b.intestazione.join(", "));
  }
  // Rows of `prima` seen through `dopo`'s columns, so that a row whose cells are unchanged matches.
  const righePrima = a.righe.map((riga) => col.map((p) => (p >= 0 ? (riga[p] ?? null) : null)));
  const nomeColonna = (j: number) => (b.intestazione[j] ? `«${b.intestazione[j]}»` : `colonna ${j + 1}`);
  const anni = colonneDiAnni(b);
  const cellaTabella = (c: string | number | null | undefined, j: number) => cellaStampata(c, anni[j]);
  const riga = (celle: readonly (string | number | null)[]) => celle.map((c, j) => cellaTabella(c, j) || VUOTO).join(" | ");
  const allineate = allinea(righePrima.map(chiaveStabile), b.righe.map(chiaveStabile), (i, j) => {
    const ra = righePrima[i];
    const rb = b.righe[j];
    return rb.filter((c, k) => c === ra[k]).length / Math.max(1, rb.length);
  });
  for (const al of allineate) {
    if (al.tipo === "uguale") continue;
    if (al.tipo === "aggiunto") r.campo(`righe.${al.dopo}`, `Riga ${al.dopo + 1} (nuova)`, undefined, riga(b.righe[al.dopo]));
    else if (al.tipo === "tolto") r.campo(`righe.${al.prima}`, `Riga ${al.prima + 1} (eliminata)`, riga(a.righe[al.prima]), undefined);
    else {
      const ra = righePrima[al.prima];
      b.righe[al.dopo].forEach((c, j) => {
        if (c === (ra[j] ?? null)) return;
        r.campo(`righe.${al.dopo}.${j}`, `Riga ${al.dopo + 1}, ${nomeColonna(j)}`, cellaTabella(ra[j], j), cellaTabella(c, j));
      });
    }
  }
  r.fonteNota(a, b);
}

function costo(c: Scheda["costi"]["comune"]): string {
  if (!c) return "";
  const importo = testoImporto(c);
  return [importo, c.descrizione ?? ""].filter(Boolean).join(" — ");
}

function risultato(x: Scheda["risultati"][number]): string {
  const v = testoRisultato(x);
  return [v, x.didascalia].filter(Boolean).join(" — ");
}

function diffScheda(r: Raccolta, a: Scheda, b: Scheda) {
  r.campo("titolo", "Titolo", a.titolo, b.titolo);
  r.elenco("prima", "PRIMA", a.prima, b.prima);
  r.elenco("dopo", "DOPO", a.dopo, b.dopo);
  r.campo("destinatari", "Destinatari", a.destinatari, b.destinatari);
  r.campo("luogo", "Luogo", a.luogo, b.luogo);
  r.campo("tempi", "Tempi", a.tempi, b.tempi);
  r.campo("costi.comune", "Costi per il Comune", costo(a.costi.comune), costo(b.costi.comune));
  r.campo("costi.altri", "Altri contributi", costo(a.costi.altri), costo(b.costi.altri));
  r.elenco("soggetti", "Soggetti coinvolti", a.soggetti, b.soggetti);
  const ra = a.risultati;
  const rb = b.risultati;
  const allineati = allinea(ra.map(chiaveStabile), rb.map(chiaveStabile), (i, j) => (ra[i].didascalia === rb[j].didascalia ? 1 : 0));
  for (const al of allineati) {
    if (al.tipo === "uguale") continue;
    if (al.tipo === "tolto") r.campo(`risultati.${al.prima}`, `Risultato ${al.prima + 1} (eliminato)`, risultato(ra[al.prima]), undefined);
    else if (al.tipo === "aggiunto") r.campo(`risultati.${al.dopo}`, `Risultato ${al.dopo + 1}`, undefined, risultato(rb[al.dopo]));
    else r.campo(`risultati.${al.dopo}`, `Risultato ${al.dopo + 1}`, risultato(ra[al.prima]), risultato(rb[al.dopo]));
  }
  r.ricco("narrativa", "Racconto", "Note del racconto", a.narrativa, b.narrativa);
  r.fonteNota(a, b);
}

function diffTesto(r: Raccolta, a: Testo, b: Testo) {
  r.campo("titolo", "Titolo", a.titolo, b.titolo);
  r.ricco("contenuto", "Testo", "Note del testo", a.contenuto, b.contenuto);
  r.fonteNota(a, b);
}

/** The field-level changes between two blocks of the same kind (any two blocks, in fact). */
export function diffBlocco(a: Blocco, b: Blocco): Modifica[] {
  const r = new Raccolta();
  if (a.tipo !== b.tipo) {
    r.campo("tipo", "Tipo di blocco", TIPI_BLOCCO[a.tipo], TIPI_BLOCCO[b.tipo]);
    return r.modifiche;
  }
  if (a.tipo === "indicatore" && b.tipo === "indicatore") diffIndicatore(r, a, b);
  else if (a.tipo === "serie" && b.tipo === "serie") diffSerie(r, a, b);
  else if (a.tipo === "tabella" && b.tipo === "tabella") diffTabella(r, a, b);
  else if (a.tipo === "scheda" && b.tipo === "scheda") diffScheda(r, a, b);
  else if (a.tipo === "testo" && b.tipo === "testo") diffTesto(r, a, b);
  if (r.modifiche.length === 0 && chiaveStabile(a) !== chiaveStabile(b)) {
    // Something the report does not print directly (e.g. a comparison's kind with no number).
    r.modifiche.push({ tipo: "valore", campo: "", etichetta: "Altre impostazioni", prima: "impostazioni precedenti", dopo: "modificate" });
  }
  return r.modifiche;
}

// ---------------------------------------------------------------------------
// Section diff

/** The block's title or caption, as a reader would name it ("" if it has none). */
export function titoloBlocco(b: Blocco): string {
  switch (b.tipo) {
    case "indicatore":
      return b.etichetta;
    case "testo":
      return b.titolo ?? "";
    default:
      return b.titolo;
  }
}

/** The words a block's reader sees (every string and number in it, field names left out), lowercased. */
function paroleDelBlocco(b: Blocco): Set<string> {
  const out = new Set<string>();
  const visita = (v: unknown, chiave: string) => {
    if (chiave === "type" || chiave === "tipo") return;
    if (typeof v === "string") for (const w of v.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) out.add(w);
    else if (typeof v === "number") out.add(String(v));
    else if (Array.isArray(v)) v.forEach((x) => visita(x, ""));
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) visita(x, k);
  };
  visita(b, "");
  return out;
}

/**
 * How alike two blocks of the same kind are (null for different kinds): the
 * share of words in common (0…1), plus 1 for a strong likeness, that is the
 * same title or caption, or at least half of the words in common.
 */
function somiglianza(a: Blocco, b: Blocco, pa: Set<string>, pb: Set<string>): number | null {
  if (a.tipo !== b.tipo) return null;
  const ta = titoloBlocco(a);
  const stessoTitolo = ta !== "" && ta === titoloBlocco(b);
  let comuni = 0;
  for (const w of pa) if (pb.has(w)) comuni++;
  const unione = pa.size + pb.size - comuni;
  const quota = unione === 0 ? 1 : comuni / unione;
  return (stessoTitolo || quota >= 0.5 ? 1 : 0) + quota;
}

/**
 * The blocks of `dopo` in order, each invariato, modificato (with its field
 * changes) or aggiunto, with the removed blocks of `prima` placed where they were.
 */
export function diffSezione(prima: Blocco[], dopo: Blocco[]): VoceDiff[] {
  const parolePrima = prima.map(paroleDelBlocco);
  const paroleDopo = dopo.map(paroleDelBlocco);
  const allineati = allinea(
    prima.map(chiaveStabile),
    dopo.map(chiaveStabile),
    (i, j) => somiglianza(prima[i], dopo[j], parolePrima[i], paroleDopo[j]),
    true,
  );
  return allineati.map((al): VoceDiff => {
    switch (al.tipo) {
      case "uguale":
        return { esito: "invariato", indice: al.dopo, indicePrima: al.prima, blocco: dopo[al.dopo] };
      case "coppia":
        return {
          esito: "modificato",
          indice: al.dopo,
          indicePrima: al.prima,
          prima: prima[al.prima],
          dopo: dopo[al.dopo],
          modifiche: diffBlocco(prima[al.prima], dopo[al.dopo]),
        };
      case "aggiunto":
        return { esito: "aggiunto", indice: al.dopo, blocco: dopo[al.dopo] };
      case "tolto":
        return { esito: "rimosso", indicePrima: al.prima, blocco: prima[al.prima] };
    }
  });
}

/**
 * Blocks that were only moved: pairs of an "aggiunto" and a "rimosso" entry
 * with identical content (each entry used once, in order).
 */
export function spostati(voci: readonly VoceDiff[]): { indice: number; indicePrima: number }[] {
  const rimossi = new Map<string, number[]>();
  for (const v of voci) {
    if (v.esito !== "rimosso") continue;
    const k = chiaveStabile(v.blocco);
    rimossi.set(k, [...(rimossi.get(k) ?? []), v.indicePrima]);
  }
  const out: { indice: number; indicePrima: number }[] = [];
  for (const v of voci) {
    if (v.esito !== "aggiunto") continue;
    const lista = rimossi.get(chiaveStabile(v.blocco));
    const p = lista?.shift();
    if (p !== undefined) out.push({ indice: v.indice, indicePrima: p });
  }
  return out;
}
