/**
 * Brings any TipTap/ProseMirror JSON (the editor's own, text pasted from Word
 * or a web page, an import) down to the subset richDocSchema allows:
 * paragraphs, headings 3/4, bullet and ordered lists, bold, italic,
 * http/https/mailto links, hard breaks and footnotes (notaPiePagina, whose
 * text is trimmed; empty ones are dropped). Unknown wrappers (blockquote,
 * table, div…) are unwrapped keeping their text; nodes without text (images,
 * rules) are dropped. Pure: no DOM, usable on the server and in tests.
 */
import { MAX_TESTO_NOTA, type ListNode, type RichBlockNode, type RichDoc, type RichInline } from "./rich-text";

type VoceLista = ListNode["content"][number];
type Marca = NonNullable<Extract<RichInline, { type: "text" }>["marks"]>[number];

/** The largest text a text node may carry, and the most blocks a document may hold (as in richDocSchema). */
const MAX_TESTO = 20000;
const MAX_BLOCCHI = 500;
const MAX_HREF = 2000;
/** Deeper nesting than this is flattened: protects against hostile JSON. */
const MAX_PROFONDITA = 40;

const HREF_AMMESSO = /^(https?:\/\/|mailto:)/i;

/** Whether a link target is one the report may carry: http, https or mailto, at most 2000 characters, no spaces. */
export function hrefAmmesso(href: string): boolean {
  // eslint-disable-next-line no-control-regex
  return href.length > 0 && href.length <= MAX_HREF && HREF_AMMESSO.test(href) && !/[\s\x00-\x1f\x7f]/.test(href);
}

/** A link target as stored (trimmed, inner spaces encoded), or null when it is not allowed. */
export function normalizzaHref(href: string): string | null {
  const h = href.trim().replace(/ /g, "%20");
  return hrefAmmesso(h) ? h : null;
}

/**
 * A footnote's text as stored: runs of white space (a newline typed in the
 * note box, a tab from a paste) become one space, ends trimmed, control
 * characters removed. May be "" (no note) or longer than the schema allows.
 */
export function normalizzaTestoNota(testo: string): string {
  // eslint-disable-next-line no-control-regex
  return testo.replace(/[\x00-\x08\x0e-\x1f\x7f]/g, "").replace(/\s+/g, " ").trim();
}

/** An empty document ({ type: "doc", content: [] }); a new object every time. */
export function documentoVuoto(): RichDoc {
  return { type: "doc", content: [] };
}

/** True when the document has no text at all (what an empty editor produces once cleaned). */
export function eDocVuoto(doc: RichDoc | undefined | null): boolean {
  if (!doc) return true;
  return pulisciDoc(doc).content.length === 0;
}

// --- reading untrusted JSON ---------------------------------------------------

type Grezzo = { type?: unknown; text?: unknown; attrs?: unknown; marks?: unknown; content?: unknown };

function comeNodo(x: unknown): Grezzo | null {
  return x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Grezzo) : null;
}

/** Node and mark names, with the snake_case spellings of plain ProseMirror schemas. */
function tipo(n: Grezzo): string {
  const t = typeof n.type === "string" ? n.type : "";
  const alias: Record<string, string> = {
    bullet_list: "bulletList",
    ordered_list: "orderedList",
    list_item: "listItem",
    hard_break: "hardBreak",
    code_block: "codeBlock",
    taskList: "bulletList",
    taskItem: "listItem",
    strong: "bold",
    em: "italic",
  };
  return alias[t] ?? t;
}

function figli(n: Grezzo): unknown[] {
  return Array.isArray(n.content) ? n.content : [];
}

function attr(n: Grezzo, nome: string): unknown {
  const a = comeNodo(n.attrs);
  return a ? (a as Record<string, unknown>)[nome] : undefined;
}

// --- inline ------------------------------------------------------------------

const ORDINE_MARCHE = { bold: 0, italic: 1, link: 2 } as const;

function pulisciMarche(marks: unknown): Marca[] {
  if (!Array.isArray(marks)) return [];
  const out = new Map<Marca["type"], Marca>();
  for (const m of marks) {
    const g = comeNodo(m);
    if (!g) continue;
    const t = tipo(g);
    if (t === "bold" || t === "italic") out.set(t, { type: t });
    else if (t === "link") {
      const grezzo = attr(g, "href");
      const href = typeof grezzo === "string" ? normalizzaHref(grezzo) : null;
      if (href) out.set("link", { type: "link", attrs: { href } });
    }
  }
  return [...out.values()].sort((a, b) => ORDINE_MARCHE[a.type] - ORDINE_MARCHE[b.type]);
}

function stesseMarche(a: Marca[] | undefined, b: Marca[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function testo(t: string, marche: Marca[]): RichInline {
  return marche.length ? { type: "text", text: t, marks: marche } : { type: "text", text: t };
}

/** The inline content of a text block: text with allowed marks and hard breaks; everything else unwrapped or dropped. */
function inline(nodi: unknown[], profondita: number): RichInline[] {
  const grezzi: RichInline[] = [];
  const visita = (lista: unknown[], p: number) => {
    for (const x of lista) {
      const n = comeNodo(x);
      if (!n) continue;
      const t = tipo(n);
      if (t === "text") {
        if (typeof n.text !== "string" || n.text === "") continue;
        const marche = pulisciMarche(n.marks);
        // A newline inside a text (code, plain paste) is a line break in the report.
        n.text.split(/\r\n|\r|\n/).forEach((riga, i) => {
          if (i > 0) grezzi.push({ type: "hardBreak" });
          if (riga !== "") grezzi.push(testo(riga, marche));
        });
      } else if (t === "hardBreak") {
        grezzi.push({ type: "hardBreak" });
      } else if (t === "notaPiePagina") {
        // Only its text is kept; an empty note is dropped, an overlong one (an import) cut to the limit.
        const grezzo = attr(n, "testo");
        const nota = typeof grezzo === "string" ? normalizzaTestoNota(grezzo).slice(0, MAX_TESTO_NOTA).trim() : "";
        if (nota !== "") grezzi.push({ type: "notaPiePagina", attrs: { testo: nota } });
      } else if (p < MAX_PROFONDITA) {
        // Unknown inline wrappers (mentions, spans, a block inside a paragraph): keep their text.
        visita(figli(n), p + 1);
      }
    }
  };
  visita(nodi, profondita);

  // Adjacent texts with the same marks become one (dropped marks leave such pairs), then long texts are split.
  const uniti: RichInline[] = [];
  for (const n of grezzi) {
    const prec = uniti[uniti.length - 1];
    if (n.type === "text" && prec?.type === "text" && stesseMarche(prec.marks, n.marks)) {
      uniti[uniti.length - 1] = testo(prec.text + n.text, prec.marks ?? []);
    } else uniti.push(n);
  }
  const out: RichInline[] = [];
  for (const n of uniti) {
    if (n.type === "text" && n.text.length > MAX_TESTO) {
      for (let i = 0; i < n.text.length; i += MAX_TESTO) out.push(testo(n.text.slice(i, i + MAX_TESTO), n.marks ?? []));
    } else out.push(n);
  }
  return out;
}

/** Whether a text block shows anything: some non-blank text, or a footnote. */
function haTesto(contenuto: RichInline[]): boolean {
  return contenuto.some((n) => (n.type === "text" && n.text.trim() !== "") || n.type === "notaPiePagina");
}

// --- blocks ------------------------------------------------------------------

function livello(n: Grezzo): 3 | 4 {
  const l = Number(attr(n, "level"));
  // h1–h3 become the report's subheading, h4–h6 its minor subheading.
  return Number.isFinite(l) && l >= 4 ? 4 : 3;
}

/**
 * The blocks of a node list. Inside a list item only paragraphs and lists are
 * allowed, so headings there become paragraphs.
 */
function blocchi(nodi: unknown[], inLista: boolean, profondita: number): RichBlockNode[] {
  const out: RichBlockNode[] = [];
  let sospesi: unknown[] = [];
  const chiudi = () => {
    if (sospesi.length) {
      const c = inline(sospesi, profondita);
      if (haTesto(c)) out.push({ type: "paragraph", content: c });
      sospesi = [];
    }
  };
  for (const x of nodi) {
    const n = comeNodo(x);
    if (!n) continue;
    const t = tipo(n);
    if (t === "text" || t === "hardBreak" || t === "notaPiePagina") {
      // Inline content loose in a block container: gathered into a paragraph.
      sospesi.push(n);
      continue;
    }
    chiudi();
    if (t === "paragraph" || t === "codeBlock" || (t === "heading" && inLista)) {
      const c = inline(figli(n), profondita + 1);
      if (haTesto(c)) out.push({ type: "paragraph", content: c });
    } else if (t === "heading") {
      const c = inline(figli(n), profondita + 1);
      if (haTesto(c)) out.push({ type: "heading", attrs: { level: livello(n) }, content: c });
    } else if (t === "bulletList" || t === "orderedList") {
      const l = lista(n, t, profondita + 1);
      if (l) out.push(l);
    } else if (t === "image" || t === "horizontalRule" || t === "video" || t === "iframe") {
      // No text to keep.
    } else if (profondita < MAX_PROFONDITA) {
      // Unknown wrappers (doc, blockquote, table, rows, cells, details, a stray listItem…): keep what they hold.
      out.push(...blocchi(figli(n), inLista, profondita + 1));
    } else {
      const c = inline(figli(n), profondita + 1);
      if (haTesto(c)) out.push({ type: "paragraph", content: c });
    }
  }
  chiudi();
  return out;
}

function lista(n: Grezzo, t: "bulletList" | "orderedList", profondita: number): ListNode | null {
  const voci: VoceLista[] = [];
  for (const x of figli(n)) {
    const figlio = comeNodo(x);
    if (!figlio) continue;
    // A list item holds blocks; anything else put straight in a list becomes an item of its own.
    const contenuto = blocchi(tipo(figlio) === "listItem" ? figli(figlio) : [figlio], true, profondita + 1).filter(
      (b): b is VoceLista["content"][number] => b.type === "paragraph" || b.type === "bulletList" || b.type === "orderedList",
    );
    if (contenuto.length === 0) continue;
    // The editor wants an item to start with a paragraph; an item holding only a sublist gets an empty one.
    if (contenuto[0].type !== "paragraph") contenuto.unshift({ type: "paragraph" });
    voci.push({ type: "listItem", content: contenuto });
  }
  return voci.length ? { type: t, content: voci } : null;
}

/**
 * Any JSON → a document that passes richDocSchema. Empty paragraphs, empty
 * headings and empty list items are dropped (an empty editor gives an empty
 * document); blocks past the 500th are dropped.
 */
export function pulisciDoc(json: unknown): RichDoc {
  const radice = comeNodo(json);
  if (!radice) return documentoVuoto();
  const contenuto = tipo(radice) === "doc" ? blocchi(figli(radice), false, 0) : blocchi([radice], false, 0);
  return { type: "doc", content: contenuto.slice(0, MAX_BLOCCHI) };
}

/**
 * What to give the editor for a stored document: ProseMirror needs at least
 * one block, so an empty document becomes one empty paragraph.
 */
export function docPerEditor(doc: RichDoc): { type: "doc"; content: RichBlockNode[] } {
  const pulito = pulisciDoc(doc);
  return pulito.content.length ? pulito : { type: "doc", content: [{ type: "paragraph" }] };
}
