/**
 * The structure of an edition in preparation, edited by the coordinatore:
 * parts, areas, ambiti (each with exactly one section) and the pages that sit
 * directly in a part (sections without an ambito).
 *
 * - Positions stay dense (0..n-1) after every change: parts within the edition,
 *   areas within a part, ambiti within an area; sections carry the report order
 *   of the whole edition (each part's pages, then its areas' ambiti).
 * - Codes (parts, sections and their ambiti) are made from the title and stay
 *   unique within the edition ("giovani", "giovani-2"); renaming keeps the code,
 *   so addresses do not change.
 * - Removing a section never loses what was written: its row, blocks and every
 *   revision are copied to `sezioni_rimosse` before it is deleted, and a section
 *   with blocks is removed only when the request confirms how many.
 * - A part or an area that still contains something is not removed: its content
 *   is removed first, one deliberate step at a time (no cascades by one click).
 * Every change: policy "edizione.configura", the change and its audit row in one
 * transaction. The database also refuses any change to a published edition.
 */
import "server-only";
import { and, asc, count, eq, isNull, max } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, blocks, comments, editions, parts, revisions, sections, settori, sezioniRimosse } from "../../db/schema";
import { registra } from "../audit/registra";
import { plurale } from "../italiano";
import { notifica, referentiDi } from "../notifications/avvisi";
import { decidi } from "../policy";
import { erroriDaZod, inTransazione, negato, nonTrovato, nonValido, type Chi, type Esito } from "../servizio";
import type { StatoEdizione } from "../workflow";
import { z } from "../zod-it";

export const ELEMENTI = ["parte", "area", "ambito", "sezione"] as const;
export type Elemento = (typeof ELEMENTI)[number];

export const NOMI_ELEMENTO: Record<Elemento, string> = { parte: "parte", area: "area", ambito: "ambito", sezione: "pagina" };

// ---- Codes

/** A code from a title: "Politiche dell'abitare" → "politiche-dell-abitare" (at most 60 characters). */
export function codiceDaTitolo(titolo: string, riserva = "elemento"): string {
  const base = titolo
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  let c = base.slice(0, 60).replace(/-+$/g, "");
  // Cut at a word boundary when the title is long.
  if (base.length > 60 && c.includes("-")) c = c.slice(0, c.lastIndexOf("-"));
  return c || riserva;
}

/** The code itself if free, else with the first free suffix: "giovani-2", "giovani-3"… */
export function codiceLibero(base: string, presi: ReadonlySet<string>): string {
  if (!presi.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffisso = `-${i}`;
    const c = base.slice(0, 60 - suffisso.length).replace(/-+$/g, "") + suffisso;
    if (!presi.has(c)) return c;
  }
}

// ---- Inputs (the actions validate with these; the services again, for any caller)

const id = z.coerce.number().int().positive();
const titolo = z.string({ error: "Indica il titolo" }).trim().min(1, "Indica il titolo").max(300, "Al massimo 300 caratteri");
const obiettivo = z.string({ error: "Scrivi l'obiettivo dell'ambito" }).trim().min(1, "Scrivi l'obiettivo dell'ambito").max(2000, "Al massimo 2000 caratteri");
const numeroArea = z.coerce
  .number({ error: "Indica il numero dell'area" })
  .int("Il numero dell'area è un intero")
  .min(1, "Il numero dell'area va da 1 a 99")
  .max(99, "Il numero dell'area va da 1 a 99");
const settoreId = z.coerce.number({ error: "Scegli il settore" }).int().positive("Scegli il settore");
/** A form sends one value or several under the same name; an object call sends an array. */
const elenco = <S extends z.ZodType>(s: S, massimo: number, messaggio: string) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(s).max(massimo, messaggio));
/** One name per line in a textarea, or an array. */
const assessori = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/\r?\n/).map((r) => r.trim()).filter(Boolean) : v ?? []),
  z.array(z.string().trim().min(1).max(200, "Al massimo 200 caratteri per nome")).max(30, "Al massimo 30 assessori"),
);

export const aggiungiSchema = z.discriminatedUnion("elemento", [
  z.object({ elemento: z.literal("parte"), editionId: id, titolo }),
  z.object({ elemento: z.literal("area"), partId: id, titolo, numero: numeroArea.optional() }),
  z.object({ elemento: z.literal("ambito"), areaId: id, titolo, obiettivo, settoreId }),
  z.object({ elemento: z.literal("sezione"), partId: id, titolo, settoreId }),
]);
export type AggiungiInput = z.input<typeof aggiungiSchema>;

export const modificaSchema = z.discriminatedUnion("elemento", [
  z.object({ elemento: z.literal("parte"), id, titolo }),
  z.object({ elemento: z.literal("area"), id, titolo, numero: numeroArea }),
  z.object({
    elemento: z.literal("ambito"),
    id,
    titolo,
    obiettivo,
    settori: elenco(settoreId, 20, "Al massimo 20 settori").refine((s) => s.length > 0, "Indica almeno un settore dell'ambito"),
    assessori,
  }),
  z.object({ elemento: z.literal("sezione"), id, titolo }),
]);
export type ModificaInput = z.input<typeof modificaSchema>;

export const spostaSchema = z.object({ elemento: z.enum(ELEMENTI), id, direzione: z.enum(["su", "giu"]) });
export type SpostaInput = z.input<typeof spostaSchema>;

export const rimuoviSchema = z.object({
  elemento: z.enum(ELEMENTI),
  id,
  /** For a section with blocks: how many the person saw and confirmed. */
  confermaBlocchi: z.coerce.number().int().min(0).optional(),
});
export type RimuoviInput = z.input<typeof rimuoviSchema>;

/** A removal that needs the person's confirmation first: the section has content. */
export type RichiestaConferma = { ok: false; tipo: "conferma"; blocchi: number; revisioni: number; messaggio: string };

// ---- Where an element sits

interface Posto {
  editionId: number;
  statoEdizione: StatoEdizione;
}

function edizioneDi(tx: Tx, editionId: number): Posto | undefined {
  const e = tx.select({ id: editions.id, stato: editions.stato }).from(editions).where(eq(editions.id, editionId)).get();
  return e ? { editionId: e.id, statoEdizione: e.stato } : undefined;
}

function postoDi(tx: Tx, elemento: Elemento, elementoId: number): Posto | undefined {
  let editionId: number | undefined;
  if (elemento === "parte") editionId = tx.select({ e: parts.editionId }).from(parts).where(eq(parts.id, elementoId)).get()?.e;
  else if (elemento === "area")
    editionId = tx.select({ e: parts.editionId }).from(areas).innerJoin(parts, eq(parts.id, areas.partId)).where(eq(areas.id, elementoId)).get()?.e;
  else if (elemento === "ambito")
    editionId = tx
      .select({ e: parts.editionId })
      .from(ambiti)
      .innerJoin(areas, eq(areas.id, ambiti.areaId))
      .innerJoin(parts, eq(parts.id, areas.partId))
      .where(eq(ambiti.id, elementoId))
      .get()?.e;
  else editionId = tx.select({ e: sections.editionId }).from(sections).where(eq(sections.id, elementoId)).get()?.e;
  return editionId === undefined ? undefined : edizioneDi(tx, editionId);
}

const NON_TROVATO: Record<Elemento, string> = {
  parte: "Parte non trovata: forse è stata rimossa da un collega.",
  area: "Area non trovata: forse è stata rimossa da un collega.",
  ambito: "Ambito non trovato: forse è stato rimosso da un collega.",
  sezione: "Pagina non trovata: forse è stata rimossa da un collega.",
};

/** Policy and place in one step: the edition of the element, if this person may configure it now. */
function controlla(tx: Tx, chi: Chi, posto: Posto | undefined, elemento: Elemento) {
  if (!posto) return nonTrovato(NON_TROVATO[elemento]);
  const d = decidi(chi.attore, "edizione.configura", { stato: posto.statoEdizione });
  return d.consentito ? null : negato(d.motivo);
}

// ---- Dense positions

/**
 * Rewrites every position of an edition as 0..n-1 in its current order (ties by
 * id): parts, areas per part, ambiti per area, and the sections' report order.
 */
export function normalizzaPosizioni(tx: Tx, editionId: number): void {
  const aggiorna = <T extends { id: number; posizione: number }>(righe: T[], scrivi: (id: number, p: number) => void) =>
    righe.forEach((r, i) => {
      if (r.posizione !== i) scrivi(r.id, i);
    });
  const parti = tx.select({ id: parts.id, posizione: parts.posizione }).from(parts).where(eq(parts.editionId, editionId)).orderBy(asc(parts.posizione), asc(parts.id)).all();
  aggiorna(parti, (id, p) => tx.update(parts).set({ posizione: p }).where(eq(parts.id, id)).run());

  const ordineSezioni: number[] = [];
  const tutte = tx
    .select({ id: sections.id, partId: sections.partId, ambitoId: sections.ambitoId, posizione: sections.posizione })
    .from(sections)
    .where(eq(sections.editionId, editionId))
    .orderBy(asc(sections.posizione), asc(sections.id))
    .all();
  const sezioneDiAmbito = new Map(tutte.filter((s) => s.ambitoId !== null).map((s) => [s.ambitoId!, s.id]));
  for (const parte of parti) {
    for (const s of tutte) if (s.partId === parte.id && s.ambitoId === null) ordineSezioni.push(s.id);
    const aree = tx.select({ id: areas.id, posizione: areas.posizione }).from(areas).where(eq(areas.partId, parte.id)).orderBy(asc(areas.posizione), asc(areas.id)).all();
    aggiorna(aree, (id, p) => tx.update(areas).set({ posizione: p }).where(eq(areas.id, id)).run());
    for (const area of aree) {
      const amb = tx.select({ id: ambiti.id, posizione: ambiti.posizione }).from(ambiti).where(eq(ambiti.areaId, area.id)).orderBy(asc(ambiti.posizione), asc(ambiti.id)).all();
      aggiorna(amb, (id, p) => tx.update(ambiti).set({ posizione: p }).where(eq(ambiti.id, id)).run());
      for (const a of amb) {
        const s = sezioneDiAmbito.get(a.id);
        if (s !== undefined) ordineSezioni.push(s);
      }
    }
  }
  const attuale = new Map(tutte.map((s) => [s.id, s.posizione]));
  ordineSezioni.forEach((sid, i) => {
    if (attuale.get(sid) !== i) tx.update(sections).set({ posizione: i }).where(eq(sections.id, sid)).run();
  });
}

// ---- Adding

function codiciSezione(tx: Tx, editionId: number): Set<string> {
  return new Set(tx.select({ c: sections.codice }).from(sections).where(eq(sections.editionId, editionId)).all().map((r) => r.c));
}

function settoreAttivo(tx: Tx, id: number): boolean {
  const s = tx.select({ attivo: settori.attivo, unito: settori.unitoInId }).from(settori).where(eq(settori.id, id)).get();
  return !!s && s.attivo && s.unito === null;
}

const SETTORE_NON_ATTIVO = { campo: "settoreId", messaggio: "Scegli un settore attivo" };

/** Adds a part, an area, an ambito (with its section) or a page at the end of its container. */
export function aggiungiStruttura(db: Db, chi: Chi, grezzo: AggiungiInput): Esito<{ elemento: Elemento; id: number; codice?: string }> {
  const v = aggiungiSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  return inTransazione(db, (tx) => {
    let posto: Posto | undefined;
    if (input.elemento === "parte") posto = edizioneDi(tx, input.editionId);
    else if (input.elemento === "ambito") posto = postoDi(tx, "area", input.areaId);
    else posto = postoDi(tx, "parte", input.partId);
    // Not found names the container: the edition's parts, the part of an area or page, the area of an ambito.
    const rifiuto = controlla(tx, chi, posto, input.elemento === "ambito" ? "area" : "parte");
    if (rifiuto) return rifiuto;
    const editionId = posto!.editionId;
    const audit = (elemento: Elemento, nuovoId: number, extra: { sectionId?: number; settoreId?: number } = {}) =>
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: "struttura.aggiungi",
        editionId,
        sectionId: extra.sectionId ?? null,
        settoreId: extra.settoreId ?? null,
        dettagli: { elemento, id: nuovoId, titolo: input.titolo },
      });

    switch (input.elemento) {
      case "parte": {
        const presi = new Set(tx.select({ c: parts.codice }).from(parts).where(eq(parts.editionId, editionId)).all().map((r) => r.c));
        const codice = codiceLibero(codiceDaTitolo(input.titolo, "parte"), presi);
        const n = tx.select({ n: count() }).from(parts).where(eq(parts.editionId, editionId)).get()!.n;
        const nuovo = Number(tx.insert(parts).values({ editionId, codice, titolo: input.titolo, posizione: n }).run().lastInsertRowid);
        audit("parte", nuovo);
        return { ok: true, elemento: "parte", id: nuovo, codice };
      }
      case "area": {
        const numeri = numeriAree(tx, editionId);
        const numero = input.numero ?? Math.max(0, ...numeri) + 1;
        if (numero > 99) return nonValido([{ campo: "numero", messaggio: "Il numero dell'area va da 1 a 99" }]);
        if (numeri.includes(numero)) return nonValido([{ campo: "numero", messaggio: `L'area ${numero} esiste già in questa edizione` }]);
        const n = tx.select({ n: count() }).from(areas).where(eq(areas.partId, input.partId)).get()!.n;
        const nuovo = Number(tx.insert(areas).values({ partId: input.partId, numero, titolo: input.titolo, posizione: n }).run().lastInsertRowid);
        audit("area", nuovo);
        return { ok: true, elemento: "area", id: nuovo };
      }
      case "ambito":
      case "sezione": {
        if (!settoreAttivo(tx, input.settoreId)) return nonValido([SETTORE_NON_ATTIVO]);
        const codice = codiceLibero(codiceDaTitolo(input.titolo, "sezione"), codiciSezione(tx, editionId));
        let ambitoId: number | null = null;
        let partId: number;
        if (input.elemento === "ambito") {
          partId = tx.select({ p: areas.partId }).from(areas).where(eq(areas.id, input.areaId)).get()!.p;
          const n = tx.select({ n: count() }).from(ambiti).where(eq(ambiti.areaId, input.areaId)).get()!.n;
          ambitoId = Number(
            tx.insert(ambiti).values({ areaId: input.areaId, codice, titolo: input.titolo, obiettivo: input.obiettivo, assessori: [], posizione: n }).run().lastInsertRowid,
          );
          tx.insert(ambitoSettori).values({ ambitoId, settoreId: input.settoreId, posizione: 0 }).run();
        } else {
          partId = input.partId;
        }
        // Placed last, then moved into report order by the normalisation.
        const ultima = tx.select({ m: max(sections.posizione) }).from(sections).where(eq(sections.editionId, editionId)).get()?.m ?? -1;
        const sectionId = Number(
          tx.insert(sections)
            .values({ editionId, partId, ambitoId, codice, titolo: input.titolo, settoreId: input.settoreId, posizione: ultima + 1 })
            .run().lastInsertRowid,
        );
        // Every section starts with its first (empty) revision, as an imported one does.
        tx.insert(revisions).values({ sectionId, numero: 1, contenuto: [], motivo: "importazione", authorId: chi.userId }).run();
        normalizzaPosizioni(tx, editionId);
        audit(input.elemento, ambitoId ?? sectionId, { sectionId, settoreId: input.settoreId });
        // The settore that will write it hears of it at once, as with an assignment.
        const titoloEdizione = tx.select({ t: editions.titolo }).from(editions).where(eq(editions.id, editionId)).get()!.t;
        notifica(tx, {
          userIds: referentiDi(tx, input.settoreId).filter((u) => u !== chi.userId),
          oggetto: `Nuova sezione per il tuo settore: «${input.titolo}»`,
          testo: `Il coordinamento ha aggiunto a «${titoloEdizione}» la sezione «${input.titolo}», affidata al tuo settore.\n\nLa trovi nella pagina del tuo settore.`,
          link: "/settore",
        });
        return { ok: true, elemento: input.elemento, id: ambitoId ?? sectionId, codice };
      }
    }
  });
}

function numeriAree(tx: Tx, editionId: number, tranne?: number): number[] {
  return tx
    .select({ id: areas.id, numero: areas.numero })
    .from(areas)
    .innerJoin(parts, eq(parts.id, areas.partId))
    .where(eq(parts.editionId, editionId))
    .all()
    .filter((a) => a.id !== tranne)
    .map((a) => a.numero);
}

// ---- Changing

/** Renames an element; an area also gets its number, an ambito its obiettivo, settori (ordered) and assessori. */
export function modificaStruttura(db: Db, chi: Chi, grezzo: ModificaInput): Esito<{ elemento: Elemento; id: number; modificati: string[] }> {
  const v = modificaSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  return inTransazione(db, (tx) => {
    const posto = postoDi(tx, input.elemento, input.id);
    const rifiuto = controlla(tx, chi, posto, input.elemento);
    if (rifiuto) return rifiuto;
    const editionId = posto!.editionId;
    const campi: string[] = [];
    let sectionId: number | null = null;

    switch (input.elemento) {
      case "parte": {
        const p = tx.select().from(parts).where(eq(parts.id, input.id)).get()!;
        if (p.titolo !== input.titolo) {
          tx.update(parts).set({ titolo: input.titolo }).where(eq(parts.id, p.id)).run();
          campi.push("titolo");
        }
        break;
      }
      case "area": {
        const a = tx.select().from(areas).where(eq(areas.id, input.id)).get()!;
        if (a.numero !== input.numero && numeriAree(tx, editionId, a.id).includes(input.numero)) {
          return nonValido([{ campo: "numero", messaggio: `L'area ${input.numero} esiste già in questa edizione` }]);
        }
        if (a.titolo !== input.titolo) campi.push("titolo");
        if (a.numero !== input.numero) campi.push("numero");
        if (campi.length) tx.update(areas).set({ titolo: input.titolo, numero: input.numero }).where(eq(areas.id, a.id)).run();
        break;
      }
      case "ambito": {
        const a = tx.select().from(ambiti).where(eq(ambiti.id, input.id)).get()!;
        const settoriNuovi = [...new Set(input.settori)];
        for (const s of settoriNuovi) {
          const attuali = tx.select({ s: ambitoSettori.settoreId }).from(ambitoSettori).where(eq(ambitoSettori.ambitoId, a.id)).all().map((r) => r.s);
          // A settore already listed may stay even if it was deactivated since; a new one must be active.
          if (!attuali.includes(s) && !settoreAttivo(tx, s)) return nonValido([{ campo: "settori", messaggio: "Scegli solo settori attivi" }]);
        }
        if (a.titolo !== input.titolo) campi.push("titolo");
        if (a.obiettivo !== input.obiettivo) campi.push("obiettivo");
        if (JSON.stringify(a.assessori) !== JSON.stringify(input.assessori)) campi.push("assessori");
        const prima = tx.select({ s: ambitoSettori.settoreId }).from(ambitoSettori).where(eq(ambitoSettori.ambitoId, a.id)).orderBy(asc(ambitoSettori.posizione)).all().map((r) => r.s);
        if (JSON.stringify(prima) !== JSON.stringify(settoriNuovi)) {
          tx.delete(ambitoSettori).where(eq(ambitoSettori.ambitoId, a.id)).run();
          settoriNuovi.forEach((s, i) => tx.insert(ambitoSettori).values({ ambitoId: a.id, settoreId: s, posizione: i }).run());
          campi.push("settori");
        }
        if (campi.some((c) => c !== "settori")) {
          tx.update(ambiti).set({ titolo: input.titolo, obiettivo: input.obiettivo, assessori: input.assessori }).where(eq(ambiti.id, a.id)).run();
        }
        // An ambito and its section share their title.
        if (campi.includes("titolo")) tx.update(sections).set({ titolo: input.titolo, updatedAt: new Date().toISOString() }).where(eq(sections.ambitoId, a.id)).run();
        sectionId = tx.select({ id: sections.id }).from(sections).where(eq(sections.ambitoId, a.id)).get()?.id ?? null;
        break;
      }
      case "sezione": {
        const s = tx.select().from(sections).where(eq(sections.id, input.id)).get()!;
        sectionId = s.id;
        if (s.titolo !== input.titolo) {
          tx.update(sections).set({ titolo: input.titolo, updatedAt: new Date().toISOString() }).where(eq(sections.id, s.id)).run();
          if (s.ambitoId) tx.update(ambiti).set({ titolo: input.titolo }).where(eq(ambiti.id, s.ambitoId)).run();
          campi.push("titolo");
        }
        break;
      }
    }
    if (campi.length) {
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: "struttura.modifica",
        editionId,
        sectionId,
        dettagli: { elemento: input.elemento, id: input.id, campi },
      });
    }
    return { ok: true, elemento: input.elemento, id: input.id, modificati: campi };
  });
}

// ---- Moving

/** The siblings of an element, in order: what "su" and "giù" move among. */
function fratelli(tx: Tx, elemento: Elemento, elementoId: number): { id: number; posizione: number }[] {
  switch (elemento) {
    case "parte": {
      const p = tx.select({ e: parts.editionId }).from(parts).where(eq(parts.id, elementoId)).get()!;
      return tx.select({ id: parts.id, posizione: parts.posizione }).from(parts).where(eq(parts.editionId, p.e)).orderBy(asc(parts.posizione), asc(parts.id)).all();
    }
    case "area": {
      const a = tx.select({ p: areas.partId }).from(areas).where(eq(areas.id, elementoId)).get()!;
      return tx.select({ id: areas.id, posizione: areas.posizione }).from(areas).where(eq(areas.partId, a.p)).orderBy(asc(areas.posizione), asc(areas.id)).all();
    }
    case "ambito": {
      const a = tx.select({ a: ambiti.areaId }).from(ambiti).where(eq(ambiti.id, elementoId)).get()!;
      return tx.select({ id: ambiti.id, posizione: ambiti.posizione }).from(ambiti).where(eq(ambiti.areaId, a.a)).orderBy(asc(ambiti.posizione), asc(ambiti.id)).all();
    }
    case "sezione": {
      const s = tx.select({ p: sections.partId, a: sections.ambitoId }).from(sections).where(eq(sections.id, elementoId)).get()!;
      // A page moves among the pages of its part; an ambito's section moves with its ambito.
      if (s.a !== null) return [];
      return tx
        .select({ id: sections.id, posizione: sections.posizione })
        .from(sections)
        .where(and(eq(sections.partId, s.p), isNull(sections.ambitoId)))
        .orderBy(asc(sections.posizione), asc(sections.id))
        .all();
    }
  }
}

function scriviPosizione(tx: Tx, elemento: Elemento, elementoId: number, posizione: number) {
  const t = elemento === "parte" ? parts : elemento === "area" ? areas : elemento === "ambito" ? ambiti : sections;
  tx.update(t).set({ posizione }).where(eq(t.id, elementoId)).run();
}

/** Moves an element one place up or down among its siblings; positions stay dense. */
export function spostaStruttura(db: Db, chi: Chi, grezzo: SpostaInput): Esito<{ elemento: Elemento; id: number; da: number; a: number; di: number }> {
  const v = spostaSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  return inTransazione(db, (tx) => {
    const posto = postoDi(tx, input.elemento, input.id);
    const rifiuto = controlla(tx, chi, posto, input.elemento);
    if (rifiuto) return rifiuto;
    const editionId = posto!.editionId;
    if (input.elemento === "sezione") {
      const s = tx.select({ a: sections.ambitoId }).from(sections).where(eq(sections.id, input.id)).get()!;
      if (s.a !== null) return nonValido([{ campo: "id", messaggio: "Questa sezione è il contenuto di un ambito: sposta l'ambito." }]);
    }
    const lista = fratelli(tx, input.elemento, input.id);
    const i = lista.findIndex((x) => x.id === input.id);
    const j = input.direzione === "su" ? i - 1 : i + 1;
    if (j < 0 || j >= lista.length) {
      return nonValido([{ campo: "direzione", messaggio: input.direzione === "su" ? "È già in prima posizione." : "È già in ultima posizione." }]);
    }
    // Dense first (older data may have gaps), then swap the two neighbours.
    lista.forEach((x, k) => scriviPosizione(tx, input.elemento, x.id, k));
    scriviPosizione(tx, input.elemento, lista[i].id, j);
    scriviPosizione(tx, input.elemento, lista[j].id, i);
    normalizzaPosizioni(tx, editionId);
    registra(tx, {
      userId: chi.userId,
      attore: chi.email,
      azione: "struttura.sposta",
      editionId,
      sectionId: input.elemento === "sezione" ? input.id : null,
      dettagli: { elemento: input.elemento, id: input.id, da: i, a: j },
    });
    return { ok: true, elemento: input.elemento, id: input.id, da: i, a: j, di: lista.length };
  });
}

// ---- Removing

/** A section's content moved to the archive, then the section deleted with its comments, blocks and revisions. */
function archiviaEdElimina(tx: Tx, chi: Chi, sectionId: number): { blocchi: number } {
  const s = tx.select().from(sections).where(eq(sections.id, sectionId)).get()!;
  const b = tx.select().from(blocks).where(eq(blocks.sectionId, s.id)).orderBy(asc(blocks.posizione)).all();
  const r = tx.select().from(revisions).where(eq(revisions.sectionId, s.id)).orderBy(asc(revisions.numero)).all();
  tx.insert(sezioniRimosse)
    .values({
      editionId: s.editionId,
      sectionId: s.id,
      codice: s.codice,
      titolo: s.titolo,
      settoreId: s.settoreId,
      blocchi: b.map((x) => ({ id: x.id, tipo: x.tipo, posizione: x.posizione, version: x.version, payload: x.payload, updatedAt: x.updatedAt, updatedBy: x.updatedBy })),
      revisioni: r.map((x) => ({ numero: x.numero, contenuto: x.contenuto, motivo: x.motivo, authorId: x.authorId, createdAt: x.createdAt })),
      rimossaDa: chi.userId,
    })
    .run();
  tx.delete(comments).where(eq(comments.sectionId, s.id)).run();
  tx.delete(blocks).where(eq(blocks.sectionId, s.id)).run();
  tx.delete(revisions).where(eq(revisions.sectionId, s.id)).run();
  tx.delete(sections).where(eq(sections.id, s.id)).run();
  if (s.ambitoId !== null) {
    tx.delete(ambitoSettori).where(eq(ambitoSettori.ambitoId, s.ambitoId)).run();
    tx.delete(ambiti).where(eq(ambiti.id, s.ambitoId)).run();
  }
  return { blocchi: b.length };
}


/**
 * Removes an element. A page or an ambito: its section is archived whole
 * (`sezioni_rimosse`) and deleted; with blocks, only if `confermaBlocchi` says
 * how many. A part or an area: only when empty.
 */
export function rimuoviStruttura(db: Db, chi: Chi, grezzo: RimuoviInput): Esito<{ elemento: Elemento; id: number; blocchi: number }> | RichiestaConferma {
  const v = rimuoviSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  return inTransazione(db, (tx): Esito<{ elemento: Elemento; id: number; blocchi: number }> | RichiestaConferma => {
    const posto = postoDi(tx, input.elemento, input.id);
    const rifiuto = controlla(tx, chi, posto, input.elemento);
    if (rifiuto) return rifiuto;
    const editionId = posto!.editionId;
    const audit = (elemento: Elemento, titolo: string, extra: { sectionId?: number; settoreId?: number; blocchi?: number } = {}) =>
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: "struttura.rimuovi",
        editionId,
        sectionId: extra.sectionId ?? null,
        settoreId: extra.settoreId ?? null,
        dettagli: { elemento, id: input.id, titolo, ...(extra.blocchi !== undefined ? { blocchi: extra.blocchi } : {}) },
      });

    switch (input.elemento) {
      case "parte": {
        const p = tx.select().from(parts).where(eq(parts.id, input.id)).get()!;
        const pagine = tx.select({ n: count() }).from(sections).where(and(eq(sections.partId, p.id), isNull(sections.ambitoId))).get()!.n;
        const aree = tx.select({ n: count() }).from(areas).where(eq(areas.partId, p.id)).get()!.n;
        if (pagine + aree > 0) {
          const cosa = [pagine && plurale(pagine, "pagina", "pagine"), aree && plurale(aree, "area", "aree")].filter(Boolean).join(" e ");
          return nonValido([{ campo: "id", messaggio: `La parte «${p.titolo}» contiene ancora ${cosa}: rimuovi prima il contenuto, poi la parte.` }], `La parte «${p.titolo}» non è vuota.`);
        }
        tx.delete(parts).where(eq(parts.id, p.id)).run();
        normalizzaPosizioni(tx, editionId);
        audit("parte", p.titolo);
        return { ok: true, elemento: "parte", id: p.id, blocchi: 0 };
      }
      case "area": {
        const a = tx.select().from(areas).where(eq(areas.id, input.id)).get()!;
        const n = tx.select({ n: count() }).from(ambiti).where(eq(ambiti.areaId, a.id)).get()!.n;
        if (n > 0) {
          return nonValido(
            [{ campo: "id", messaggio: `L'area «${a.titolo}» contiene ancora ${plurale(n, "ambito", "ambiti")}: rimuovi prima gli ambiti, poi l'area.` }],
            `L'area «${a.titolo}» non è vuota.`,
          );
        }
        tx.delete(areas).where(eq(areas.id, a.id)).run();
        normalizzaPosizioni(tx, editionId);
        audit("area", a.titolo);
        return { ok: true, elemento: "area", id: a.id, blocchi: 0 };
      }
      case "ambito":
      case "sezione": {
        const s =
          input.elemento === "ambito"
            ? tx.select().from(sections).where(eq(sections.ambitoId, input.id)).get()
            : tx.select().from(sections).where(eq(sections.id, input.id)).get();
        if (!s) {
          // An ambito without its section (not made by this app): remove the ambito alone.
          const a = tx.select().from(ambiti).where(eq(ambiti.id, input.id)).get()!;
          tx.delete(ambitoSettori).where(eq(ambitoSettori.ambitoId, a.id)).run();
          tx.delete(ambiti).where(eq(ambiti.id, a.id)).run();
          normalizzaPosizioni(tx, editionId);
          audit("ambito", a.titolo, { blocchi: 0 });
          return { ok: true, elemento: "ambito", id: a.id, blocchi: 0 };
        }
        const nBlocchi = tx.select({ n: count() }).from(blocks).where(eq(blocks.sectionId, s.id)).get()!.n;
        if (nBlocchi > 0 && input.confermaBlocchi !== nBlocchi) {
          const nRev = tx.select({ n: count() }).from(revisions).where(eq(revisions.sectionId, s.id)).get()!.n;
          return {
            ok: false,
            tipo: "conferma",
            blocchi: nBlocchi,
            revisioni: nRev,
            messaggio:
              `«${s.titolo}» contiene ${plurale(nBlocchi, "blocco", "blocchi")} (${plurale(nRev, "revisione", "revisioni")}). ` +
              "Il contenuto sarà conservato nell'archivio delle sezioni rimosse, ma non sarà più nell'edizione. Confermi la rimozione?",
          };
        }
        const elemento: Elemento = s.ambitoId !== null ? "ambito" : "sezione";
        const { blocchi: archiviati } = archiviaEdElimina(tx, chi, s.id);
        normalizzaPosizioni(tx, editionId);
        registra(tx, {
          userId: chi.userId,
          attore: chi.email,
          azione: "struttura.rimuovi",
          editionId,
          sectionId: s.id,
          settoreId: s.settoreId,
          dettagli: { elemento, id: elemento === "ambito" ? s.ambitoId! : s.id, titolo: s.titolo, blocchi: archiviati },
        });
        return { ok: true, elemento, id: elemento === "ambito" ? s.ambitoId! : s.id, blocchi: archiviati };
      }
    }
  });
}
