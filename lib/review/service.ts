/**
 * Review: moving a section through the workflow and discussing it. Each step is
 * checked against the transition table and the policy, guarded by the section's
 * version (two coordinators deciding at once cannot both win), and written with
 * its audit row, its revision and its notifications in one transaction.
 */
import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { blocks, comments, sections } from "../../db/schema";
import type { Commento, Problema } from "./tipi";
import { registra } from "../audit/registra";
import { inTransazione, type Chi, type Esito } from "../servizio";
import { registraRevisione } from "../sections/revisioni";
import { controllaSezione } from "../checks";
import type { Blocco } from "../content/blocks";
import { coordinatori, notifica, referentiDi } from "../notifications/avvisi";
import { sezioneConEdizione } from "../sections/queries";
import { perNumero, plurale } from "../italiano";
import { etichettaCampo } from "./fields";
import { etichettaBlocco } from "./queries";
import { decidi, risorsaSezione, decidiTransizione } from "../policy";
import { transizione, type AzioneFlusso, type StatoSezione } from "../workflow";

export type EsitoTransizione =
  | Esito<{ stato: StatoSezione; version: number }>
  | { ok: false; tipo: "problemi"; problemi: Problema[]; soloAvvisi: boolean; messaggio: string }
  | { ok: false; tipo: "manca_messaggio"; messaggio: string };


/** The data checks of a section as a list of problems, errors first. */
export function problemiSezione(tx: Tx, sectionId: number, anni: { annoInizio: number; annoFine: number }): Problema[] {
  const righe = tx.select({ id: blocks.id, dati: blocks.payload }).from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(asc(blocks.posizione)).all();
  const segnalazioni = controllaSezione(righe.map((r) => r.dati as Blocco), anni);
  const out: Problema[] = [];
  righe.forEach((r, i) => (segnalazioni.get(i) ?? []).forEach((s) => out.push({ blockId: r.id, posizione: i, campo: s.campo, livello: s.livello, messaggio: s.messaggio })));
  return out.sort((a, b) => (a.livello === b.livello ? a.posizione - b.posizione : a.livello === "errore" ? -1 : 1));
}

/** What a step that needs a message says when it has none. */
const MANCA_MESSAGGIO: Partial<Record<AzioneFlusso, string>> = {
  richiedi_modifiche: "Scrivi al settore che cosa modificare.",
  riapri: "Per riaprire una sezione approvata indica il motivo.",
};

/**
 * The open discussions of a section, one line each, as the comments panel names them:
 * "blocco 2 (1.500 visitatori), campo «Valore»: Il dato 2017 è 1.600".
 */
function commentiAperti(tx: Tx, sectionId: number): string[] {
  const blocchi = tx.select({ id: blocks.id, dati: blocks.payload }).from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(asc(blocks.posizione)).all();
  const aperti = tx
    .select({ blockId: comments.blockId, campo: comments.campo, testo: comments.testo })
    .from(comments)
    .where(and(eq(comments.sectionId, sectionId), eq(comments.risolto, false), isNull(comments.parentId)))
    .orderBy(asc(comments.id))
    .all();
  return aperti.map((c) => {
    const i = blocchi.findIndex((b) => b.id === c.blockId);
    const b = i < 0 ? null : (blocchi[i].dati as Blocco);
    const dove = b
      ? `blocco ${i + 1} (${etichettaBlocco(b)})${c.campo ? `, campo «${etichettaCampo(b.tipo, c.campo)}»` : ""}`
      : c.blockId ? "un blocco eliminato" : "tutta la sezione";
    return `- Su ${dove}: ${c.testo.trim().replace(/\s*\n\s*/g, "\n  ")}`;
  });
}

/** The mail of a decision: what happened, the message, and for a request of changes the open comments too. */
function testoNotifica(azione: AzioneFlusso, oggetto: string, messaggio: string | undefined, aperti: string[]): string {
  const parti = [`${oggetto}.`];
  if (azione === "richiedi_modifiche") {
    if (messaggio) parti.push(`Che cosa modificare:\n${messaggio}`);
    if (aperti.length > 0) parti.push(`${perNumero(aperti.length, "Il commento aperto", `I ${aperti.length} commenti aperti`)} sulla sezione:\n${aperti.join("\n")}`);
  } else if (messaggio) parti.push(messaggio);
  return parti.join("\n\n");
}

const OGGETTI: Record<AzioneFlusso, (titolo: string) => string> = {
  invia: (t) => `Sezione inviata alla revisione: «${t}»`,
  approva: (t) => `Sezione approvata: «${t}»`,
  richiedi_modifiche: (t) => `Richieste modifiche alla sezione «${t}»`,
  riapri: (t) => `Sezione riaperta: «${t}»`,
};

export function eseguiTransizione(
  db: Db,
  chi: Chi,
  input: { sectionId: number; version: number; azione: AzioneFlusso; messaggio?: string; confermaAvvisi?: boolean },
): EsitoTransizione {
  return inTransazione(db, (tx) => {
      const s = sezioneConEdizione(tx, input.sectionId);
      if (!s) return { ok: false, tipo: "non_trovato", messaggio: "Sezione non trovata." };
      const risorsa = risorsaSezione(s, s.statoEdizione);
      const d = decidiTransizione(chi.attore, input.azione, risorsa);
      if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
      if (s.version !== input.version) {
        return { ok: false, tipo: "conflitto", corrente: null, messaggio: "La sezione è cambiata nel frattempo (un'altra decisione o una modifica): ricarica la pagina e riprova." };
      }
      const t = transizione(s.stato, input.azione)!;
      const messaggio = input.messaggio?.trim() || undefined;

      if (t.condizione === "dati_senza_errori") {
        const problemi = problemiSezione(tx, s.id, s);
        const errori = problemi.filter((p) => p.livello === "errore");
        if (errori.length > 0) return { ok: false, tipo: "problemi", problemi, soloAvvisi: false, messaggio: `La sezione ha ${plurale(errori.length, "errore", "errori")} da correggere prima dell'invio.` };
        if (problemi.length > 0 && !input.confermaAvvisi) {
          return { ok: false, tipo: "problemi", problemi, soloAvvisi: true, messaggio: `${perNumero(problemi.length, "C'è 1 avviso: controllalo", `Ci sono ${problemi.length} avvisi: controllali`)} e conferma l'invio.` };
        }
      }
      if (t.condizione === "motivo" && !messaggio) {
        return { ok: false, tipo: "manca_messaggio", messaggio: MANCA_MESSAGGIO[input.azione] ?? "Scrivi il motivo." };
      }
      // Read before the message is stored as a comment of its own.
      const aperti = input.azione === "richiedi_modifiche" ? commentiAperti(tx, s.id) : [];

      const aggiornata = tx
        .update(sections)
        .set({ stato: t.a, version: sql`${sections.version} + 1`, updatedAt: new Date().toISOString() })
        .where(and(eq(sections.id, s.id), eq(sections.version, input.version)))
        .run();
      if (aggiornata.changes === 0) return { ok: false, tipo: "conflitto", corrente: null, messaggio: "La sezione è cambiata nel frattempo: ricarica la pagina." };

      if (messaggio) tx.insert(comments).values({ sectionId: s.id, authorId: chi.userId, testo: messaggio }).run();
      if (input.azione === "invia") registraRevisione(tx, s.id, chi.userId, "invio");
      if (input.azione === "approva") registraRevisione(tx, s.id, chi.userId, "approvazione");
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: `sezione.${input.azione}`,
        editionId: s.editionId,
        sectionId: s.id,
        settoreId: s.settoreId,
        dettagli: { da: s.stato, a: t.a, ...(messaggio ? { messaggio } : {}) },
      });
      const destinatari = input.azione === "invia" ? coordinatori(tx) : referentiDi(tx, s.settoreId);
      notifica(tx, {
        userIds: destinatari.filter((id) => id !== chi.userId),
        oggetto: OGGETTI[input.azione](s.titolo),
        testo: testoNotifica(input.azione, OGGETTI[input.azione](s.titolo), messaggio, aperti),
        link: input.azione === "invia" ? `/revisione/${s.id}` : `/sezioni/${s.id}`,
      });
      return { ok: true, stato: t.a, version: s.version + 1 };
  });
}

export function aggiungiCommento(db: Db, chi: Chi, input: { sectionId: number; blockId?: number | null; campo?: string | null; parentId?: number | null; testo: string }): Esito<{ id: number }> {
  return inTransazione(db, (tx) => {
      const s = sezioneConEdizione(tx, input.sectionId);
      if (!s) return { ok: false, tipo: "non_trovato", messaggio: "Sezione non trovata." };
      const d = decidi(chi.attore, "sezione.commenta", risorsaSezione(s, s.statoEdizione));
      if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
      let { blockId = null, campo = null } = input;
      if (input.parentId) {
        const padre = tx.select().from(comments).where(eq(comments.id, input.parentId)).get();
        if (!padre || padre.sectionId !== s.id) return { ok: false, tipo: "non_trovato", messaggio: "Il commento a cui rispondi non esiste." };
        // A reply belongs to its thread's anchor.
        ({ blockId, campo } = padre);
      } else if (blockId) {
        const b = tx.select({ sectionId: blocks.sectionId }).from(blocks).where(eq(blocks.id, blockId)).get();
        if (!b || b.sectionId !== s.id) return { ok: false, tipo: "non_trovato", messaggio: "Il blocco commentato non è in questa sezione." };
      }
      const id = Number(tx.insert(comments).values({ sectionId: s.id, blockId, campo, parentId: input.parentId ?? null, authorId: chi.userId, testo: input.testo.trim() }).run().lastInsertRowid);
      registra(tx, { userId: chi.userId, attore: chi.email, azione: "commento.aggiungi", editionId: s.editionId, sectionId: s.id, settoreId: s.settoreId, dettagli: { commentId: id, blockId, campo } });
      return { ok: true, id };
  });
}

/** Marks a thread resolved (or open again). */
export function risolviCommento(db: Db, chi: Chi, input: { commentId: number; risolto: boolean }): Esito<{ id: number }> {
  return inTransazione(db, (tx) => {
      const c = tx.select().from(comments).where(eq(comments.id, input.commentId)).get();
      if (!c) return { ok: false, tipo: "non_trovato", messaggio: "Commento non trovato." };
      const s = sezioneConEdizione(tx, c.sectionId)!;
      const d = decidi(chi.attore, "sezione.commenta", risorsaSezione(s, s.statoEdizione));
      if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
      const radice = c.parentId ?? c.id;
      tx.update(comments)
        .set({ risolto: input.risolto, risoltoDa: input.risolto ? chi.userId : null, risoltoIl: input.risolto ? new Date().toISOString() : null })
        .where(inArray(comments.id, [radice, ...tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, radice)).all().map((r) => r.id)]))
        .run();
      registra(tx, { userId: chi.userId, attore: chi.email, azione: input.risolto ? "commento.risolvi" : "commento.riapri", editionId: s.editionId, sectionId: s.id, settoreId: s.settoreId, dettagli: { commentId: radice } });
      return { ok: true, id: radice };
  });
}
