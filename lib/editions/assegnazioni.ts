/**
 * Who writes each section, and by when: the coordinatore assigns sections to an
 * (active) settore and sets their deadline, one section at a time or a whole set
 * at once (an area, a settore's sections, the whole edition).
 *
 * - All or nothing, guarded by versions: the request carries the version of each
 *   section the person saw; if any section of the set changed since (or the set
 *   itself did), nothing is written and the page is to be reloaded.
 * - Each changed section: "sezione.assegna" (da/a settore, the deadline) when its
 *   owner changes, "sezione.scadenza" when its deadline does; the referenti of the
 *   settore that receives sections get one notification (bell + mail) listing them.
 */
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ambiti, editions, sections, settori } from "../../db/schema";
import { registra } from "../audit/registra";
import { giornoReale } from "../numbers/calendario";
import { formatData } from "../numbers/format";
import { notifica, referentiDi } from "../notifications/avvisi";
import { decidi, risorsaSezione } from "../policy";
import { erroriDaZod, inTransazione, negato, nonTrovato, nonValido, type Chi, type Esito } from "../servizio";
import { z } from "../zod-it";

const id = z.coerce.number().int().positive();

export const INSIEMI = ["sezioni", "area", "settore", "edizione"] as const;

export const insiemeSchema = z.discriminatedUnion("tipo", [
  z.object({ tipo: z.literal("sezioni"), ids: z.array(id).min(1, "Scegli almeno una sezione").max(2000) }),
  z.object({ tipo: z.literal("area"), areaId: id }),
  z.object({ tipo: z.literal("settore"), settoreId: id }),
  z.object({ tipo: z.literal("edizione") }),
]);
export type Insieme = z.infer<typeof insiemeSchema>;

export const scadenzaSchema = z
  .string()
  .refine(giornoReale, "Inserisci una data valida")
  .refine((d) => d >= "2000-01-01", "La scadenza non può essere precedente al 2000")
  .refine((d) => d <= "2100-12-31", "La scadenza è troppo lontana nel tempo");

export const assegnaSchema = z
  .object({
    editionId: id,
    insieme: insiemeSchema,
    /** The version of each section as the person saw it. */
    versioni: z.array(z.object({ id, version: z.coerce.number().int().positive() })).max(2000),
    /** The new owner; absent: unchanged. */
    settoreId: id.optional(),
    /** The new deadline "AAAA-MM-GG"; null: remove it; absent: unchanged. */
    scadenza: scadenzaSchema.nullable().optional(),
  })
  .refine((v) => v.settoreId !== undefined || v.scadenza !== undefined, { path: ["settoreId"], message: "Scegli un settore, una scadenza o entrambi" });
export type AssegnaInput = z.input<typeof assegnaSchema>;

export interface SezioneAssegnata {
  id: number;
  version: number;
}

type Riga = { id: number; titolo: string; settoreId: number; stato: (typeof sections.$inferSelect)["stato"]; scadenza: string | null; version: number };

/** The sections of a set, in report order. */
export function sezioniDellInsieme(tx: Tx, editionId: number, insieme: Insieme): Riga[] {
  const campi = { id: sections.id, titolo: sections.titolo, settoreId: sections.settoreId, stato: sections.stato, scadenza: sections.scadenza, version: sections.version };
  const diEdizione = eq(sections.editionId, editionId);
  switch (insieme.tipo) {
    case "sezioni":
      return tx.select(campi).from(sections).where(and(diEdizione, inArray(sections.id, insieme.ids))).orderBy(asc(sections.posizione)).all();
    case "settore":
      return tx.select(campi).from(sections).where(and(diEdizione, eq(sections.settoreId, insieme.settoreId))).orderBy(asc(sections.posizione)).all();
    case "edizione":
      return tx.select(campi).from(sections).where(diEdizione).orderBy(asc(sections.posizione)).all();
    case "area":
      return tx
        .select(campi)
        .from(sections)
        .innerJoin(ambiti, eq(ambiti.id, sections.ambitoId))
        .where(and(diEdizione, eq(ambiti.areaId, insieme.areaId)))
        .orderBy(asc(sections.posizione))
        .all();
  }
}

const elencoTitoli = (righe: { titolo: string }[], quanti = 5) =>
  righe.slice(0, quanti).map((r) => `«${r.titolo}»`).join(", ") + (righe.length > quanti ? ` e altre ${righe.length - quanti}` : "");

export function assegnaSezioni(
  db: Db,
  chi: Chi,
  grezzo: AssegnaInput,
): Esito<{ cambiate: number; sezioni: SezioneAssegnata[]; messaggio: string }> {
  const v = assegnaSchema.safeParse(grezzo);
  if (!v.success) return nonValido(erroriDaZod(v.error.issues));
  const input = v.data;
  return inTransazione(db, (tx) => {
    const ed = tx.select().from(editions).where(eq(editions.id, input.editionId)).get();
    if (!ed) return nonTrovato("Edizione non trovata.");
    const righe = sezioniDellInsieme(tx, ed.id, input.insieme);
    if (righe.length === 0) {
      return nonValido([{ campo: "insieme", messaggio: "Nell'insieme scelto non c'è nessuna sezione" }]);
    }
    for (const s of righe) {
      const d = decidi(chi.attore, "sezione.assegna", risorsaSezione(s, ed));
      if (!d.consentito) return negato(d.motivo);
    }
    let nuovo: { id: number; nome: string } | undefined;
    if (input.settoreId !== undefined) {
      const s = tx.select().from(settori).where(eq(settori.id, input.settoreId)).get();
      if (!s || !s.attivo || s.unitoInId !== null) return nonValido([{ campo: "settoreId", messaggio: "Scegli un settore attivo" }]);
      nuovo = { id: s.id, nome: s.nome };
    }
    const viste = new Map(input.versioni.map((x) => [x.id, x.version]));
    const cambiateNelFrattempo = righe.filter((s) => viste.get(s.id) !== s.version);
    if (cambiateNelFrattempo.length > 0) {
      return {
        ok: false,
        tipo: "conflitto",
        corrente: null,
        messaggio:
          `Nel frattempo ${cambiateNelFrattempo.length === 1 ? "è cambiata una sezione" : `sono cambiate ${cambiateNelFrattempo.length} sezioni`} ` +
          `(${elencoTitoli(cambiateNelFrattempo)}): non è stato salvato nulla. Ricarica la pagina, controlla e riprova.`,
      };
    }

    const adesso = new Date().toISOString();
    const assegnate: Riga[] = [];
    /** Sections that stay with their settore but get a new deadline: their referenti are told too. */
    const nuoveScadenze = new Map<number, Riga[]>();
    const risultato: SezioneAssegnata[] = [];
    let cambiate = 0;
    for (const s of righe) {
      const settoreNuovo = nuovo && nuovo.id !== s.settoreId ? nuovo.id : s.settoreId;
      const scadenzaNuova = input.scadenza !== undefined ? input.scadenza : s.scadenza;
      const cambiaSettore = settoreNuovo !== s.settoreId;
      const cambiaScadenza = scadenzaNuova !== s.scadenza;
      if (!cambiaSettore && !cambiaScadenza) {
        risultato.push({ id: s.id, version: s.version });
        continue;
      }
      const r = tx
        .update(sections)
        .set({ settoreId: settoreNuovo, scadenza: scadenzaNuova, version: sql`${sections.version} + 1`, updatedAt: adesso })
        .where(and(eq(sections.id, s.id), eq(sections.version, s.version)))
        .run();
      if (r.changes !== 1) throw new Error("Versione cambiata dentro la transazione");
      const chiAudit = { userId: chi.userId, attore: chi.email, editionId: ed.id, sectionId: s.id };
      if (cambiaSettore) {
        registra(tx, { ...chiAudit, azione: "sezione.assegna", settoreId: settoreNuovo, dettagli: { da: s.settoreId, a: settoreNuovo, scadenza: scadenzaNuova } });
        assegnate.push({ ...s, scadenza: scadenzaNuova });
      }
      if (cambiaScadenza) registra(tx, { ...chiAudit, azione: "sezione.scadenza", settoreId: settoreNuovo, dettagli: { da: s.scadenza, a: scadenzaNuova } });
      if (cambiaScadenza && !cambiaSettore) nuoveScadenze.set(s.settoreId, [...(nuoveScadenze.get(s.settoreId) ?? []), { ...s, scadenza: scadenzaNuova }]);
      risultato.push({ id: s.id, version: s.version + 1 });
      cambiate++;
    }

    if (nuovo && assegnate.length > 0) {
      const n = assegnate.length;
      const oggetto =
        n === 1 ? `Nuova sezione per il tuo settore: «${assegnate[0].titolo}»` : `${n} nuove sezioni per il tuo settore in «${ed.titolo}»`;
      const righeTesto = assegnate.map((s) => `- ${s.titolo}${s.scadenza ? ` (scadenza ${formatData(s.scadenza)})` : ""}`).join("\n");
      notifica(tx, {
        userIds: referentiDi(tx, nuovo.id).filter((u) => u !== chi.userId),
        oggetto,
        testo: `Il coordinamento ha assegnato al settore ${nuovo.nome}, per «${ed.titolo}»:\n${righeTesto}\n\nLe trovi nella pagina del tuo settore.`,
        link: "/settore",
      });
    }

    for (const [settoreId, righeSettore] of nuoveScadenze) {
      const n = righeSettore.length;
      const elenco = righeSettore.map((s) => `- ${s.titolo}: ${s.scadenza ? `scadenza ${formatData(s.scadenza)}` : "nessuna scadenza"}`).join("\n");
      notifica(tx, {
        userIds: referentiDi(tx, settoreId).filter((u) => u !== chi.userId),
        oggetto: n === 1 ? `Scadenza aggiornata: «${righeSettore[0].titolo}»` : `Scadenze aggiornate per ${n} sezioni di «${ed.titolo}»`,
        testo: `Il coordinamento ha aggiornato le scadenze per «${ed.titolo}»:\n${elenco}\n\nLe trovi nella pagina del tuo settore.`,
        link: "/settore",
      });
    }

    const parti: string[] = [];
    if (nuovo) parti.push(`assegnate a ${nuovo.nome}`);
    if (input.scadenza !== undefined) parti.push(input.scadenza ? `con scadenza ${formatData(input.scadenza)}` : "senza scadenza");
    const messaggio =
      cambiate === 0
        ? "Nessuna modifica: le sezioni erano già così."
        : `${cambiate === 1 ? "1 sezione" : `${cambiate} sezioni`} ${parti.join(" e ")}.`;
    return { ok: true, cambiate, sezioni: risultato, messaggio };
  });
}
