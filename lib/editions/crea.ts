/**
 * A new edition made by the coordinatore, in preparation, in one of three ways:
 * - blank: only the edition, its structure is then built in the structure editor;
 * - from a template: the parts, areas, ambiti (obiettivo, settori, assessori) and
 *   sections (titles, codes and owner settori) of an existing edition, without
 *   blocks and without deadlines (they belong to the other period);
 * - from an uploaded edition package: the same validation and the same writer as
 *   `npm run edition:import` (lib/edition-package), errors with their JSON path,
 *   all or nothing. The form's title, years and address win over the package's
 *   own; a field left empty takes the package's value.
 * (The fourth way, the next edition carried forward from a published one with its
 * values as baselines, is lib/editions/carry-forward.ts.)
 * The audit row "edizione.crea" says how it started: `vuota`, `modello:<slug>`,
 * `pacchetto:<file name>`.
 */
import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { editions, ente } from "../../db/schema";
import { esportaPacchetto } from "../edition-package/export";
import { scriviPacchetto } from "../edition-package/import";
import { FORMATO_PACCHETTO, type Pacchetto, type SezionePacchetto } from "../edition-package/schema";
import { validaPacchetto, type ErrorePacchetto } from "../edition-package/validate";
import { notifica, referentiEdizione } from "../notifications/avvisi";
import { erroriDaZod, inTransazione, nonValido, senzaPermesso, type Chi, type ErroreCampo, type Esito } from "../servizio";
import { z } from "../zod-it";
import { annoEdizione, SLUG_RISERVATI, slugEdizione, titoloEdizione } from "./campi";
import { erroriSettoriPacchetto, seguiUnioni } from "./settori-pacchetto";

export const ORIGINI = ["vuota", "modello", "pacchetto"] as const;
export type Origine = (typeof ORIGINI)[number];

/** The largest package accepted from the browser (the Cremona demo is about 1 MB). */
export const MAX_BYTE_PACCHETTO = 4 * 1024 * 1024;
/** At most this many package errors are returned: enough to fix a file, bounded for the page. */
export const MAX_ERRORI_PACCHETTO = 200;

// "" is a missing value; a form sends text.
const vuotoComeAssente = (x: unknown) => (typeof x === "string" && x.trim() === "" ? undefined : x);

/** The fields of the form; with a package each may be left empty (the package's value is used). */
export const creaEdizioneSchema = z
  .object({
    origine: z.enum(ORIGINI, { error: "Scegli come iniziare" }),
    titolo: z.preprocess(vuotoComeAssente, titoloEdizione.optional()),
    slug: z.preprocess(vuotoComeAssente, slugEdizione.optional()),
    annoInizio: annoEdizione("iniziale").optional(),
    annoFine: annoEdizione("finale").optional(),
    /** Slug of the edition whose structure is copied. */
    modello: z.preprocess(vuotoComeAssente, z.string().max(100).optional()),
    pacchetto: z
      .object({
        nome: z.string().trim().min(1).max(200, "Nome del file troppo lungo (al massimo 200 caratteri)"),
        testo: z.string().max(MAX_BYTE_PACCHETTO, `Il file supera ${MAX_BYTE_PACCHETTO / 1024 / 1024} MB`),
      })
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.origine !== "pacchetto") {
      const manca = (campo: "titolo" | "slug" | "annoInizio" | "annoFine", messaggio: string) => {
        if (v[campo] === undefined) ctx.addIssue({ code: "custom", path: [campo], message: messaggio });
      };
      manca("titolo", "Indica il titolo dell'edizione, ad esempio «Bilancio Sociale 2020–2022»");
      manca("slug", "Indica l'indirizzo dell'edizione, ad esempio 2020-2022");
      manca("annoInizio", "Indica l'anno iniziale, ad esempio 2020");
      manca("annoFine", "Indica l'anno finale, ad esempio 2022");
    }
    if (v.annoInizio !== undefined && v.annoFine !== undefined) {
      if (v.annoFine < v.annoInizio) ctx.addIssue({ code: "custom", path: ["annoFine"], message: "L'anno finale non può precedere quello iniziale" });
      else if (v.annoFine - v.annoInizio > 9) ctx.addIssue({ code: "custom", path: ["annoFine"], message: "Un'edizione copre al massimo 10 anni" });
    }
    if (v.origine === "modello" && !v.modello) ctx.addIssue({ code: "custom", path: ["modello"], message: "Scegli l'edizione da usare come modello" });
    if (v.origine === "pacchetto" && !v.pacchetto) ctx.addIssue({ code: "custom", path: ["pacchetto"], message: "Scegli il file del pacchetto (.json)" });
  });
export type CreaEdizioneInput = z.input<typeof creaEdizioneSchema>;

export type EsitoCrea =
  | Esito<{ editionId: number; slug: string; sezioni: number; blocchi: number }>
  /** The package was refused: every problem with its JSON path; nothing was written. */
  | { ok: false; tipo: "non_valido"; errori: ErroreCampo[]; messaggio: string; erroriPacchetto: ErrorePacchetto[]; altriErrori: number };

/** The structure of an edition as a package: no blocks, every section in bozza, no deadlines. */
export function modelloDa(tx: Tx, slugModello: string, edizione: Pacchetto["edizione"]): Pacchetto | null {
  const p = esportaPacchetto(tx, slugModello);
  if (!p) return null;
  const vuota = (s: SezionePacchetto): SezionePacchetto => ({ codice: s.codice, titolo: s.titolo, settore: s.settore, stato: "bozza", blocchi: [] });
  return {
    ...p,
    edizione,
    parti: p.parti.map((parte) => ({
      ...parte,
      sezioni: parte.sezioni.map(vuota),
      aree: parte.aree.map((area) => ({ ...area, ambiti: area.ambiti.map((a) => ({ ...a, settori: [...a.settori], assessori: [...a.assessori], sezione: vuota(a.sezione) })) })),
    })),
  };
}

/** The referenti of every settore that owns a section of the new edition hear of it (as with carry-forward). */
function avvisaReferenti(tx: Tx, editionId: number, titolo: string, chi: Chi): void {
  const oggetto = `È iniziata la preparazione di «${titolo}»`;
  notifica(tx, {
    userIds: referentiEdizione(tx, editionId).filter((id) => id !== chi.userId),
    oggetto,
    testo: `${oggetto}. Le sezioni del tuo settore sono in bozza: le trovi nella tua pagina, con le scadenze quando il coordinamento le avrà fissate.`,
    link: "/settore",
  });
}

function rifiutoPacchetto(errori: ErrorePacchetto[], nome: string): Extract<EsitoCrea, { erroriPacchetto: ErrorePacchetto[] }> {
  const n = errori.length;
  return {
    ok: false,
    tipo: "non_valido",
    errori: [{ campo: "pacchetto", messaggio: `Il pacchetto «${nome}» non è valido: ${n === 1 ? "1 errore" : `${n} errori`}, elencati sotto. Non è stato scritto nulla.` }],
    messaggio: "Il pacchetto non è stato importato: nessuna modifica è stata fatta.",
    erroriPacchetto: errori.slice(0, MAX_ERRORI_PACCHETTO),
    altriErrori: Math.max(0, n - MAX_ERRORI_PACCHETTO),
  };
}

export function creaEdizione(db: Db, chi: Chi, grezzo: CreaEdizioneInput): EsitoCrea {
  const no = senzaPermesso(chi, "edizione.crea");
  if (no) return no;
  const v = creaEdizioneSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  const autore = { userId: chi.userId, attore: chi.email };

  // The package is read and checked before the transaction: a file with errors never takes the write lock.
  let pacchetto: Pacchetto | null = null;
  if (input.origine === "pacchetto") {
    const { nome, testo } = input.pacchetto!;
    let dati: unknown;
    try {
      dati = JSON.parse(testo);
    } catch (e) {
      return rifiutoPacchetto([{ percorso: "$", messaggio: `Il file non è JSON valido: ${(e as Error).message}` }], nome);
    }
    // The form's values replace the package's (an empty field keeps the package's).
    if (dati && typeof dati === "object" && !Array.isArray(dati)) {
      const o = dati as Record<string, unknown>;
      if (o.edizione && typeof o.edizione === "object" && !Array.isArray(o.edizione)) {
        const e = { ...(o.edizione as Record<string, unknown>) };
        if (input.titolo !== undefined) e.titolo = input.titolo;
        if (input.slug !== undefined) e.slug = input.slug;
        if (input.annoInizio !== undefined) e.annoInizio = input.annoInizio;
        if (input.annoFine !== undefined) e.annoFine = input.annoFine;
        dati = { ...o, edizione: e };
      }
    }
    const r = validaPacchetto(dati);
    if (!r.ok) return rifiutoPacchetto(r.errori, nome);
    if (r.pacchetto.edizione.stato !== "in_preparazione") {
      return rifiutoPacchetto([{ percorso: "$.edizione.stato", messaggio: "Un'edizione si importa in preparazione: firma e pubblicazione avvengono nell'app" }], nome);
    }
    if ((SLUG_RISERVATI as readonly string[]).includes(r.pacchetto.edizione.slug)) {
      return nonValido([{ campo: "slug", messaggio: `L'indirizzo «${r.pacchetto.edizione.slug}» del pacchetto è riservato: scrivine un altro qui` }]);
    }
    pacchetto = r.pacchetto;
  }

  try {
    return inTransazione(db, (tx): EsitoCrea => {
      const slugFinale = pacchetto ? pacchetto.edizione.slug : input.slug!;
      if (tx.select({ id: editions.id }).from(editions).where(eq(editions.slug, slugFinale)).get()) {
        const messaggio =
          pacchetto && input.slug === undefined
            ? `Esiste già un'edizione con l'indirizzo «${slugFinale}» indicato nel pacchetto: scrivine un altro qui`
            : `Esiste già un'edizione con indirizzo «${slugFinale}»: scegline un altro`;
        return nonValido([{ campo: "slug", messaggio }]);
      }
      if (pacchetto) {
        const errori = erroriSettoriPacchetto(tx, pacchetto);
        if (errori.length > 0) return rifiutoPacchetto(errori, input.pacchetto!.nome);
        const r = scriviPacchetto(tx, pacchetto, autore, { creazione: { origine: `pacchetto:${input.pacchetto!.nome}` } });
        avvisaReferenti(tx, r.editionId, pacchetto.edizione.titolo, chi);
        return { ok: true, editionId: r.editionId, slug: slugFinale, sezioni: r.sezioni, blocchi: r.blocchi };
      }
      const edizione = { slug: slugFinale, titolo: input.titolo!, annoInizio: input.annoInizio!, annoFine: input.annoFine!, stato: "in_preparazione" as const };
      if (input.origine === "modello") {
        const p = modelloDa(tx, input.modello!, edizione);
        if (!p) return nonValido([{ campo: "modello", messaggio: "L'edizione scelta come modello non esiste più" }]);
        const r = scriviPacchetto(tx, seguiUnioni(tx, p), autore, { creazione: { origine: `modello:${input.modello}` } });
        avvisaReferenti(tx, r.editionId, edizione.titolo, chi);
        return { ok: true, editionId: r.editionId, slug: slugFinale, sezioni: r.sezioni, blocchi: r.blocchi };
      }
      // Blank: the edition alone; its structure is built in the structure editor.
      const nomeEnte = tx.select().from(ente).get()?.nome ?? "Comune";
      const vuota: Pacchetto = { formato: FORMATO_PACCHETTO, ente: { nome: nomeEnte }, settori: [], edizione, parti: [] };
      const r = scriviPacchetto(tx, vuota, autore, { creazione: { origine: "vuota" } });
      return { ok: true, editionId: r.editionId, slug: slugFinale, sezioni: 0, blocchi: 0 };
    });
  } catch (e) {
    // The transaction was rolled back: nothing of the new edition remains.
    if (pacchetto) return rifiutoPacchetto([{ percorso: "$", messaggio: `Il database ha rifiutato il pacchetto: ${(e as Error).message}` }], input.pacchetto!.nome);
    throw e;
  }
}
