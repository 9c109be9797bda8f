/**
 * The print-quality PDF of a published revision ("bilancio-sociale.pdf"):
 * headless Chromium (through playwright-core) prints the app's own print page,
 * /edizioni/<slug>/revisioni/<n>/stampa, so the PDF shows exactly what the web
 * edition shows. A revision never changes, so its PDF is made once and kept in
 * data/pdf/ next to the database, named by a SHA-256 of everything it prints
 * (see chiavePdf); concurrent requests for the same PDF share one generation,
 * and generations run one at a time (each Chromium takes a few hundred MB).
 */
import { existsSync } from "node:fs";
import { open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sha256 } from "../sha256";
import { databasePath } from "../../db/open";
import { cartellaPrivata, MODO_FILE } from "../file-privati";
import { conSegnalibri, pagineDestinazioni } from "../sito/pdf-pagine";
import type { Pubblicazione } from "./queries";

/** Debian's Chromium unless CHROMIUM_PATH says otherwise (Playwright cannot download its own here). */
export function percorsoChromium(env: Record<string, string | undefined> = process.env): string {
  return env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/** The same flags the e2e tests use: no sandbox in containers, no background traffic. */
export const ARGOMENTI_CHROMIUM = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
] as const;

/** data/pdf beside the database file (DATABASE_PATH), so each database keeps its own PDFs. */
export function cartellaPdf(fileDatabase: string = databasePath()): string {
  return path.join(path.dirname(path.resolve(fileDatabase)), "pdf");
}

/** Bump when the print page's layout changes: PDFs already made are then made again. */
export const VERSIONE_STAMPA = 2;

/**
 * The cache key: a SHA-256 of what the PDF prints. The hash of dati.json alone
 * is not enough: the cover also shows who signed, when, and the publication
 * date, and the same content published again (a fresh demo database, the e2e
 * database beside the demo one) has the same dati.json but another signature.
 */
export function chiavePdf(r: Pick<RichiestaPdf, "sha256" | "firma" | "pubblicataIl" | "modifiche">): string {
  const descrizione = JSON.stringify([VERSIONE_STAMPA, r.sha256, r.firma.nome, r.firma.firmataIl, r.pubblicataIl, r.modifiche]);
  return sha256(descrizione);
}

/** The cached PDF with this key. */
export function percorsoPdf(chiave: string, cartella: string = cartellaPdf()): string {
  // The key is a hash, but a file name must never carry a path.
  if (!/^[0-9a-f]{64}$/.test(chiave)) throw new Error(`Impronta SHA-256 non valida: ${chiave}`);
  return path.join(cartella, `${chiave}.pdf`);
}

/**
 * The address at which this server reaches itself. `next start` and `next dev` write
 * their real one, with the -p and -H they were given, into __NEXT_PRIVATE_ORIGIN once
 * they listen; without it (another way of serving) PORT on the loopback. Never the
 * request's Host header: anyone can send one, and the PDF printed from it would be
 * cached and served to every reader.
 */
export function origineServer(env: Record<string, string | undefined> = process.env): string {
  // A computed key: the bundler must not replace it at build time.
  const chiave = ["__NEXT", "PRIVATE", "ORIGIN"].join("_");
  const next = env[chiave];
  if (next && /^https?:\/\/[^/?#\s]+$/.test(next)) return next;
  return `http://127.0.0.1:${env.PORT || 3000}`;
}

/** The print page the PDF is made from, on this server itself. */
export function indirizzoStampa(slug: string, revisione: number, origine: string = origineServer()): string {
  return `${origine}/edizioni/${encodeURIComponent(slug)}/revisioni/${revisione}/stampa`;
}

const html = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The margins of every page, also written in the print page's @page rule. */
export const MARGINI_PDF = { top: "18mm", right: "16mm", bottom: "18mm", left: "16mm" } as const;

export interface IntestazionePdf {
  ente: string;
  titolo: string;
  revisione: number;
}

/** page.pdf options: A4, backgrounds, a running header (ente, title, revision) and "Pagina n di m". */
export function opzioniPdf(i: IntestazionePdf) {
  // Chromium draws these templates in the margins with a default font size of 0: sizes are explicit.
  const stile = "font-family: 'Titillium Web', Arial, sans-serif; font-size: 8pt; color: #5c6f82; width: 100%; padding: 0 16mm;";
  return {
    format: "A4",
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${stile} text-align: right;">${html(i.ente)} · ${html(i.titolo)} · revisione ${i.revisione}</div>`,
    footerTemplate: `<div style="${stile} text-align: center;">Pagina <span class="pageNumber"></span> di <span class="totalPages"></span></div>`,
    margin: { ...MARGINI_PDF },
    // A PDF with structure tags and bookmarks from the headings: readable by screen readers, navigable.
    tagged: true,
    outline: true,
  };
}

/** Why no PDF could be served; the route answers 503 with `messaggio`. */
export class PdfNonDisponibile extends Error {
  constructor(
    readonly motivo: "chromium-assente" | "generazione",
    readonly messaggio: string,
    options?: { cause?: unknown },
  ) {
    super(messaggio, options);
    this.name = "PdfNonDisponibile";
  }
}

const eUnPdf = (b: Uint8Array) => b.length > 5 && Buffer.from(b.subarray(0, 5)).toString("latin1") === "%PDF-";

async function leggiSeValido(file: string): Promise<Uint8Array | null> {
  try {
    const b = await readFile(file);
    return eUnPdf(b) ? b : null;
  } catch {
    return null;
  }
}

/** Writes to a temporary name and renames: a reader never sees half a file. */
async function scriviAtomico(file: string, byte: Uint8Array): Promise<void> {
  cartellaPrivata(path.dirname(file), { esclusiva: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    // 0600, in a 0700 folder: like every data file (lib/file-privati.ts).
    const h = await open(tmp, "w", MODO_FILE);
    try {
      await h.writeFile(byte);
      await h.sync();
    } finally {
      await h.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export interface RichiestaPdf extends IntestazionePdf {
  slug: string;
  /** SHA-256 of the revision's dati.json. */
  sha256: string;
  firma: { nome: string; firmataIl: string };
  pubblicataIl: string;
  modifiche: string | null;
}

/** What the PDF of a published revision prints, from the revision itself. */
export function richiestaPdf(p: Pubblicazione): RichiestaPdf {
  return {
    slug: p.slug,
    revisione: p.revisione,
    sha256: p.sha256,
    ente: p.dati.ente.nome,
    titolo: p.dati.edizione.titolo,
    firma: p.firma,
    pubblicataIl: p.pubblicataIl,
    modifiche: p.modifiche,
  };
}

export interface OpzioniGenerazione {
  cartella?: string;
  /** Where this server answers (origineServer() by default). */
  origine?: string;
  chromium?: string;
}

async function genera(r: RichiestaPdf, o: Required<OpzioniGenerazione>, file: string): Promise<Uint8Array> {
  // Another request (or process) may have finished it while this one waited its turn.
  const gia = await leggiSeValido(file);
  if (gia) return gia;
  if (!existsSync(o.chromium)) {
    // The public message names no server path; the log says where Chromium was looked for.
    throw new PdfNonDisponibile(
      "chromium-assente",
      "Il PDF non è disponibile: sul server manca il programma che lo genera (Chromium). Consulta l'edizione web o i dati aperti in JSON e CSV.",
      { cause: new Error(`Chromium non trovato in ${o.chromium} (CHROMIUM_PATH)`) },
    );
  }
  let playwright: typeof import("playwright-core");
  try {
    playwright = await import("playwright-core");
  } catch (e) {
    throw new PdfNonDisponibile("chromium-assente", "Il PDF non è disponibile: manca il pacchetto playwright-core sul server.", { cause: e });
  }
  const browser = await playwright.chromium
    .launch({ executablePath: o.chromium, args: [...ARGOMENTI_CHROMIUM], headless: true, timeout: 30_000 })
    .catch((e: unknown) => {
      throw new PdfNonDisponibile("chromium-assente", "Il PDF non è disponibile: Chromium non si avvia sul server. Riprova più tardi.", { cause: e });
    });
  try {
    // `next dev --experimental-https` listens with a self-signed certificate; the page's
    // content is checked below, whatever the certificate says.
    const page = await browser.newPage({ ignoreHTTPSErrors: o.origine.startsWith("https:") });
    // The functions given to page.evaluate are sent as source text. Run by tsx (the publication's
    // child process, scripts/genera-siti.ts), esbuild wraps named inner functions in __name(…),
    // which the page does not have: give it one that does nothing.
    await page.addInitScript({ content: "globalThis.__name ??= (f) => f;" });
    const indirizzo = indirizzoStampa(r.slug, r.revisione, o.origine);
    const risposta = await page.goto(indirizzo, { waitUntil: "load", timeout: 90_000 });
    if (!risposta || !risposta.ok()) throw new Error(`La pagina di stampa ${indirizzo} ha risposto ${risposta?.status() ?? "niente"}`);
    // The page must be this revision's, as this server renders it: another program answering
    // at that address, or another database, never ends up in the cache under this key.
    const impronta = await page.locator('[data-testid="sha256-stampa"]').first().textContent({ timeout: 5_000 }).catch(() => null);
    if (impronta?.trim() !== r.sha256) throw new Error(`La pagina ${indirizzo} non è la stampa di questa revisione (impronta ${impronta ?? "assente"})`);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    let byte: Uint8Array = await page.pdf(opzioniPdf(r));
    // The index's page numbers: read from the pages Chromium put each anchor on, written into
    // the page, printed again, until a print agrees with the numbers it shows (numbers can
    // lengthen the index by a line and push what follows).
    for (let giro = 0; giro < 4; giro++) {
      const pagine = Object.fromEntries(await pagineDestinazioni(byte));
      const cambiati = await page.evaluate((pagine: Record<string, number>) => {
        let n = 0;
        for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-pagina-di]"))) {
          const numero = pagine[el.dataset.paginaDi ?? ""];
          const testo = numero ? String(numero) : "";
          if (el.textContent !== testo) (el.textContent = testo), n++;
        }
        return n;
      }, pagine);
      if (cambiati === 0) break;
      byte = await page.pdf(opzioniPdf(r));
    }
    // Bookmarks from the index itself: its entries, nested as the index nests them.
    const voci = await page.evaluate(() => {
      type Voce = { titolo: string; destinazione: string; voci: Voce[] };
      const leggi = (ul: Element | null): Voce[] =>
        Array.from(ul?.children ?? []).flatMap((li) => {
          const slot = li.querySelector(":scope > [data-pagina-di], :scope > span > [data-pagina-di]") as HTMLElement | null;
          const link = slot?.previousElementSibling;
          if (!slot || !link) return [];
          return [{ titolo: (link.textContent ?? "").replace(/\s+/g, " ").trim(), destinazione: slot.dataset.paginaDi ?? "", voci: leggi(li.querySelector(":scope > ul")) }];
        });
      return leggi(document.querySelector(".indice-edizione > ul"));
    });
    byte = await conSegnalibri(byte, voci);
    if (!eUnPdf(byte)) throw new Error("Chromium non ha prodotto un PDF");
    await scriviAtomico(file, byte);
    return byte;
  } catch (e) {
    if (e instanceof PdfNonDisponibile) throw e;
    throw new PdfNonDisponibile("generazione", "Il PDF non è stato generato per un errore del server. Riprova tra qualche minuto.", { cause: e });
  } finally {
    await browser.close().catch(() => undefined);
  }
}

// Kept on globalThis: the development server may load this module more than once.
const stato = globalThis as unknown as { __bilancioPdf?: { inCorso: Map<string, Promise<Uint8Array>>; coda: Promise<unknown> } };
stato.__bilancioPdf ??= { inCorso: new Map(), coda: Promise.resolve() };
const { inCorso } = stato.__bilancioPdf;

/**
 * The PDF of a revision: from the cache, or printed now (then cached).
 * Throws PdfNonDisponibile when it cannot be made.
 */
export async function pdfEdizione(r: RichiestaPdf, opzioni: OpzioniGenerazione = {}): Promise<Uint8Array> {
  const o: Required<OpzioniGenerazione> = {
    cartella: opzioni.cartella ?? cartellaPdf(),
    origine: opzioni.origine ?? origineServer(),
    chromium: opzioni.chromium ?? percorsoChromium(),
  };
  const file = percorsoPdf(chiavePdf(r), o.cartella);
  const pronto = await leggiSeValido(file);
  if (pronto) return pronto;
  const attesa = inCorso.get(file);
  if (attesa) return attesa;
  const s = stato.__bilancioPdf!;
  const lavoro = s.coda.then(() => genera(r, o, file)).finally(() => inCorso.delete(file));
  s.coda = lavoro.catch(() => undefined);
  inCorso.set(file, lavoro);
  return lavoro;
}

/** For tests and tools: how many generations are waiting or running. */
export function generazioniInCorso(): number {
  return inCorso.size;
}
