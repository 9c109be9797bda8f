/**
 * Every change to a section's blocks: validated with the block schemas,
 * allowed by the policy, written with optimistic versioning, and recorded
 * with its audit row and its revision in the same transaction.
 */
import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { blocks, revisions, sections, users } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import { registra } from "../audit/registra";
import type { AzioneAudit, DettagliAudit } from "../audit/vocabolario";
import { bloccoSchema, type Blocco, type TipoBlocco } from "../content/blocks";
import { MESSAGGIO_TROPPO_PROFONDO, troppoProfondo } from "../content/profondita";
import { sezioneConEdizione } from "../sections/queries";
import { decidi, risorsaSezione } from "../policy";
import { erroriDaZod, inTransazione, type Chi, type ErroreCampo, type Esito as EsitoServizio } from "../servizio";
import { bloccoNuovo } from "./defaults";
import type { BloccoSalvato } from "./tipi";
import { registraRevisione } from "../sections/revisioni";

export type Esito<T> = EsitoServizio<T, BloccoSalvato>;

function sezioneModificabile(db: Tx, chi: Chi, sectionId: number) {
  const s = sezioneConEdizione(db, sectionId);
  if (!s) return { ok: false as const, tipo: "non_trovato" as const, messaggio: "Sezione non trovata." };
  const d = decidi(chi.attore, "sezione.modifica", risorsaSezione(s, s.statoEdizione));
  if (!d.consentito) return { ok: false as const, tipo: "negato" as const, messaggio: d.motivo };
  return { ok: true as const, sezione: s };
}

export function valida(dati: unknown, tipoAtteso?: TipoBlocco): { ok: true; blocco: Blocco } | { ok: false; errori: ErroreCampo[] } {
  const profondo = troppoProfondo(dati);
  if (profondo) return { ok: false, errori: [{ campo: profondo.slice(0, 2).join("."), messaggio: MESSAGGIO_TROPPO_PROFONDO }] };
  const r = bloccoSchema.safeParse(dati);
  if (!r.success) return { ok: false, errori: erroriDaZod(r.error.issues) };
  if (tipoAtteso && r.data.tipo !== tipoAtteso) return { ok: false, errori: [{ campo: "tipo", messaggio: "Il tipo di un blocco non si può cambiare." }] };
  return { ok: true, blocco: r.data };
}

function bloccoCorrente(db: Tx, blockId: number): BloccoSalvato | null {
  const b = db
    .select({ id: blocks.id, version: blocks.version, dati: blocks.payload, salvatoIl: blocks.updatedAt, autore: users.nome })
    .from(blocks)
    .leftJoin(users, eq(users.id, blocks.updatedBy))
    .where(eq(blocks.id, blockId))
    .get();
  return b ? { ...b, dati: b.dati as Blocco } : null;
}

function audit<A extends AzioneAudit>(db: Tx, chi: Chi, azione: A, s: { id: number; editionId: number; settoreId: number }, dettagli: DettagliAudit<A>): number {
  return registra(db, { userId: chi.userId, attore: chi.email, azione, editionId: s.editionId, sectionId: s.id, settoreId: s.settoreId, dettagli } as Parameters<typeof registra<A>>[1]);
}

/**
 * Marks the section as changed. Its version is not bumped: blocks carry their own
 * versions, and the section's guards decisions (workflow, deadlines) only.
 */
function tocca(db: Tx, sectionId: number) {
  db.update(sections).set({ updatedAt: new Date().toISOString() }).where(eq(sections.id, sectionId)).run();
}


/** Saves a block if `version` is still the stored one; otherwise returns the stored block for the conflict view. */
export function salvaBlocco(db: Db, chi: Chi, input: { blockId: number; version: number; dati: unknown }): Esito<{ blocco: BloccoSalvato }> {
  return inTransazione(db, (tx) => {
    const riga = tx.select({ sectionId: blocks.sectionId, tipo: blocks.tipo, payload: blocks.payload }).from(blocks).where(eq(blocks.id, input.blockId)).get();
    if (!riga) return { ok: false, tipo: "non_trovato", messaggio: "Il blocco non esiste più: forse è stato eliminato da un collega." };
    const perm = sezioneModificabile(tx, chi, riga.sectionId);
    if (!perm.ok) return perm;
    const v = valida(input.dati, riga.tipo);
    if (!v.ok) return { ok: false, tipo: "non_valido", errori: v.errori, messaggio: "Alcuni campi non sono validi." };
    // An indicator's base is the published history: a save keeps the stored one, whatever the client sent.
    if (v.blocco.tipo === "indicatore") {
      const base = (riga.payload as Blocco & { base?: unknown }).base;
      if (base === undefined) delete v.blocco.base;
      else v.blocco.base = base as typeof v.blocco.base;
    }
    const adesso = new Date().toISOString();
    const r = tx
      .update(blocks)
      .set({ payload: v.blocco, version: sql`${blocks.version} + 1`, updatedAt: adesso, updatedBy: chi.userId })
      .where(and(eq(blocks.id, input.blockId), eq(blocks.version, input.version)))
      .run();
    if (r.changes === 0) {
      return { ok: false, tipo: "conflitto", corrente: bloccoCorrente(tx, input.blockId), messaggio: "Un collega ha modificato questo blocco dopo che l'hai aperto." };
    }
    tocca(tx, riga.sectionId);
    registraRevisione(tx, riga.sectionId, chi.userId, "salvataggio");
    audit(tx, chi, "blocco.modifica", perm.sezione, { blockId: input.blockId, version: input.version + 1 });
    return { ok: true, blocco: bloccoCorrente(tx, input.blockId)! };
  });
}

/**
 * An indicator's `base` is the value the previous edition published: only carrying an
 * edition forward sets it. Whatever a client sends (a new block, a copy, an imported
 * row) comes in without one.
 */
function senzaBase(b: Blocco): Blocco {
  if (b.tipo !== "indicatore" || b.base === undefined) return b;
  const { base: _scartata, ...resto } = b;
  return resto;
}

/** Adds a block at `posizione` (default: at the end), with the given content or a new empty one. */
export function aggiungiBlocco(db: Db, chi: Chi, input: { sectionId: number; tipo: TipoBlocco; posizione?: number; dati?: unknown }): Esito<{ blocco: BloccoSalvato }> {
  return inTransazione(db, (tx) => {
    const perm = sezioneModificabile(tx, chi, input.sectionId);
    if (!perm.ok) return perm;
    const v = valida(input.dati ?? bloccoNuovo(input.tipo, perm.sezione), input.tipo);
    if (!v.ok) return { ok: false, tipo: "non_valido", errori: v.errori, messaggio: "Il blocco non è valido." };
    const blocco = senzaBase(v.blocco);
    const n = tx.select({ n: sql<number>`count(*)` }).from(blocks).where(eq(blocks.sectionId, input.sectionId)).get()!.n;
    const posizione = Math.max(0, Math.min(input.posizione ?? n, n));
    tx.update(blocks).set({ posizione: sql`${blocks.posizione} + 1` }).where(and(eq(blocks.sectionId, input.sectionId), gt(blocks.posizione, posizione - 1))).run();
    const id = Number(tx.insert(blocks).values({ sectionId: input.sectionId, tipo: input.tipo, payload: blocco, posizione, updatedBy: chi.userId }).run().lastInsertRowid);
    tocca(tx, input.sectionId);
    registraRevisione(tx, input.sectionId, chi.userId, "salvataggio");
    audit(tx, chi, "blocco.aggiungi", perm.sezione, { blockId: id, tipo: input.tipo, posizione });
    return { ok: true, blocco: bloccoCorrente(tx, id)! };
  });
}

/**
 * Deletes a block (if unchanged since `version`). Its audit row keeps the block whole,
 * and its id (`eliminazioneId`) is what "Annulla eliminazione" sends back.
 */
export function eliminaBlocco(db: Db, chi: Chi, input: { blockId: number; version: number }): Esito<{ dati: Blocco; posizione: number; eliminazioneId: number }> {
  return inTransazione(db, (tx) => {
    const riga = tx.select().from(blocks).where(eq(blocks.id, input.blockId)).get();
    if (!riga) return { ok: false, tipo: "non_trovato", messaggio: "Il blocco non esiste più." };
    const perm = sezioneModificabile(tx, chi, riga.sectionId);
    if (!perm.ok) return perm;
    if (riga.version !== input.version) {
      return { ok: false, tipo: "conflitto", corrente: bloccoCorrente(tx, riga.id), messaggio: "Un collega ha modificato questo blocco: controlla prima di eliminarlo." };
    }
    tx.delete(blocks).where(eq(blocks.id, riga.id)).run();
    tx.update(blocks).set({ posizione: sql`${blocks.posizione} - 1` }).where(and(eq(blocks.sectionId, riga.sectionId), gt(blocks.posizione, riga.posizione))).run();
    tocca(tx, riga.sectionId);
    registraRevisione(tx, riga.sectionId, chi.userId, "salvataggio");
    const eliminazioneId = audit(tx, chi, "blocco.elimina", perm.sezione, { blockId: riga.id, tipo: riga.tipo, posizione: riga.posizione, dati: riga.payload });
    return { ok: true, dati: riga.payload as Blocco, posizione: riga.posizione, eliminazioneId };
  });
}

/**
 * Undoes one's own deletion: the block comes back from its audit row, as it was
 * (an indicator's base included, which no client may send), at its old place.
 */
export function annullaEliminazione(db: Db, chi: Chi, input: { sectionId: number; eliminazioneId: number }): Esito<{ blocco: BloccoSalvato }> {
  return inTransazione(db, (tx) => {
    const perm = sezioneModificabile(tx, chi, input.sectionId);
    if (!perm.ok) return perm;
    const [voce] = vociAudit(tx, { azioni: ["blocco.elimina"], ids: [input.eliminazioneId], sectionIds: [input.sectionId] });
    if (!voce || voce.userId !== chi.userId || !voce.dettagli?.dati) return { ok: false, tipo: "non_trovato", messaggio: "Non c'è un'eliminazione da annullare." };
    const giaFatto = vociAudit(tx, { azioni: ["blocco.ripristina"], sectionIds: [input.sectionId] }).some((v) => v.dettagli?.eliminazioneId === voce.id);
    if (giaFatto) return { ok: false, tipo: "conflitto", corrente: null, messaggio: "L'eliminazione è già stata annullata." };
    const v = valida(voce.dettagli.dati, voce.dettagli.tipo as TipoBlocco);
    if (!v.ok) return { ok: false, tipo: "non_valido", errori: v.errori, messaggio: "Il blocco eliminato non è più valido." };
    const n = tx.select({ n: sql<number>`count(*)` }).from(blocks).where(eq(blocks.sectionId, input.sectionId)).get()!.n;
    const posizione = Math.max(0, Math.min(voce.dettagli.posizione ?? n, n));
    tx.update(blocks).set({ posizione: sql`${blocks.posizione} + 1` }).where(and(eq(blocks.sectionId, input.sectionId), gt(blocks.posizione, posizione - 1))).run();
    const id = Number(tx.insert(blocks).values({ sectionId: input.sectionId, tipo: v.blocco.tipo, payload: v.blocco, posizione, updatedBy: chi.userId }).run().lastInsertRowid);
    tocca(tx, input.sectionId);
    registraRevisione(tx, input.sectionId, chi.userId, "salvataggio");
    audit(tx, chi, "blocco.ripristina", perm.sezione, { blockId: id, eliminazioneId: voce.id });
    return { ok: true, blocco: bloccoCorrente(tx, id)! };
  });
}

/**
 * Moves a block one place up or down, past the neighbour the user sees: if a colleague
 * reordered the blocks meanwhile (the block or its neighbour is not where the page
 * shows them), nothing moves and the user is asked to reload.
 */
export function spostaBlocco(db: Db, chi: Chi, input: { blockId: number; direzione: "su" | "giu"; posizione: number; vicinoId: number }): Esito<{ posizione: number }> {
  return inTransazione(db, (tx) => {
    const riga = tx.select().from(blocks).where(eq(blocks.id, input.blockId)).get();
    if (!riga) return { ok: false, tipo: "non_trovato", messaggio: "Il blocco non esiste più." };
    const perm = sezioneModificabile(tx, chi, riga.sectionId);
    if (!perm.ok) return perm;
    const nuova = riga.posizione + (input.direzione === "su" ? -1 : 1);
    const vicino = tx.select().from(blocks).where(and(eq(blocks.sectionId, riga.sectionId), eq(blocks.posizione, nuova))).get();
    if (riga.posizione !== input.posizione || vicino?.id !== input.vicinoId) {
      return { ok: false, tipo: "conflitto", corrente: null, messaggio: "Un collega ha cambiato l'ordine dei blocchi: ricarica la pagina per vedere quello attuale." };
    }
    tx.update(blocks).set({ posizione: riga.posizione }).where(eq(blocks.id, vicino.id)).run();
    tx.update(blocks).set({ posizione: nuova }).where(eq(blocks.id, riga.id)).run();
    tocca(tx, riga.sectionId);
    registraRevisione(tx, riga.sectionId, chi.userId, "salvataggio");
    audit(tx, chi, "blocco.sposta", perm.sezione, { blockId: riga.id, da: riga.posizione, a: nuova });
    return { ok: true, posizione: nuova };
  });
}

/** Copies a block right after itself, as the user sees it (`version`): a copy of a block a colleague changed meanwhile is refused. */
export function duplicaBlocco(db: Db, chi: Chi, input: { blockId: number; version: number }): Esito<{ blocco: BloccoSalvato }> {
  const riga = db.select().from(blocks).where(eq(blocks.id, input.blockId)).get();
  if (!riga) return { ok: false, tipo: "non_trovato", messaggio: "Il blocco non esiste più." };
  if (riga.version !== input.version) {
    return { ok: false, tipo: "conflitto", corrente: bloccoCorrente(db, riga.id), messaggio: "Il blocco è cambiato da quando l'hai aperto: ricarica la pagina prima di duplicarlo." };
  }
  return aggiungiBlocco(db, chi, { sectionId: riga.sectionId, tipo: riga.tipo, posizione: riga.posizione + 1, dati: riga.payload });
}

/**
 * Puts a section back as it was in a revision; the restore is itself a new revision.
 * `ultima` is the latest revision the user saw: if someone saved since, nothing is
 * restored, so a restore never silently undoes a colleague's newer work.
 */
export function ripristinaRevisione(db: Db, chi: Chi, input: { sectionId: number; numero: number; ultima: number }): Esito<{ revisione: number }> {
  return inTransazione(db, (tx) => {
    const perm = sezioneModificabile(tx, chi, input.sectionId);
    if (!perm.ok) return perm;
    const ultima = tx.select({ n: sql<number>`max(${revisions.numero})` }).from(revisions).where(eq(revisions.sectionId, input.sectionId)).get()?.n ?? 0;
    if (ultima !== input.ultima) {
      return { ok: false, tipo: "conflitto", corrente: null, messaggio: "La sezione è cambiata da quando hai aperto la cronologia: ricarica la pagina e riprova." };
    }
    const rev = tx.select().from(revisions).where(and(eq(revisions.sectionId, input.sectionId), eq(revisions.numero, input.numero))).get();
    if (!rev) return { ok: false, tipo: "non_trovato", messaggio: "Revisione non trovata." };
    tx.delete(blocks).where(eq(blocks.sectionId, input.sectionId)).run();
    (rev.contenuto as Blocco[]).forEach((b, i) => {
      tx.insert(blocks).values({ sectionId: input.sectionId, tipo: b.tipo, payload: b, posizione: i, updatedBy: chi.userId }).run();
    });
    tocca(tx, input.sectionId);
    const numero = registraRevisione(tx, input.sectionId, chi.userId, "ripristino");
    audit(tx, chi, "sezione.ripristina", perm.sezione, { daRevisione: input.numero, revisione: numero });
    return { ok: true, revisione: numero };
  });
}

/** Appends several blocks at once (a spreadsheet import): all of them or none. */
export function aggiungiBlocchi(db: Db, chi: Chi, input: { sectionId: number; blocchi: unknown[]; origine: string }): Esito<{ aggiunti: number }> {
  return inTransazione(db, (tx) => {
    const perm = sezioneModificabile(tx, chi, input.sectionId);
    if (!perm.ok) return perm;
    const validi: Blocco[] = [];
    for (const [i, dati] of input.blocchi.entries()) {
      const v = valida(dati);
      if (!v.ok) return { ok: false, tipo: "non_valido", errori: v.errori.map((e) => ({ ...e, campo: `${i}.${e.campo}` })), messaggio: "Un blocco importato non è valido." };
      validi.push(senzaBase(v.blocco));
    }
    let posizione = tx.select({ n: sql<number>`count(*)` }).from(blocks).where(eq(blocks.sectionId, input.sectionId)).get()!.n;
    for (const b of validi) tx.insert(blocks).values({ sectionId: input.sectionId, tipo: b.tipo, payload: b, posizione: posizione++, updatedBy: chi.userId }).run();
    tocca(tx, input.sectionId);
    registraRevisione(tx, input.sectionId, chi.userId, "importazione");
    audit(tx, chi, "blocco.importa", perm.sezione, { origine: input.origine, blocchi: validi.length });
    return { ok: true, aggiunti: validi.length };
  });
}
