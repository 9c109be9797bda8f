/**
 * The amministratore's work on settori: create, rename, deactivate, reactivate,
 * and merge one settore into another. A merge moves, in one transaction, the
 * sections and ambito links of the editions in preparation and the referenti's
 * memberships to the survivor, collapses what would be there twice, and leaves
 * the merged settore deactivated with `unito_in_id` set. Published editions are
 * left as they were (the database refuses to change them anyway); an edition
 * waiting for or holding a signature freezes its settori, so neither a merge nor
 * a rename may touch them (the signed text names every settore).
 */
import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ambiti, ambitoSettori, areas, editions, parts, roleMemberships, sections, settori } from "../../db/schema";
import { registra } from "../audit/registra";
import { convalida, inTransazione, nonTrovato, nonValido, senzaPermesso, type Chi, type Esito } from "../servizio";
import { edizioneAperta, STATI_EDIZIONE_CONGELATI } from "../workflow";
import { z } from "../zod-it";
import { autore } from "./utenti";

const idPositivo = z.coerce.number().int().positive();

export const codiceSettoreSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "Il codice deve avere almeno 2 caratteri.")
  .max(60, "Il codice può avere al massimo 60 caratteri.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Il codice usa solo lettere minuscole senza accenti, cifre e trattini (esempio: polizia-locale).");
export const nomeSettoreSchema = z.string().trim().min(1, "Scrivi il nome del settore.").max(200, "Il nome può avere al massimo 200 caratteri.");

export const nuovoSettoreSchema = z.object({ codice: codiceSettoreSchema, nome: nomeSettoreSchema });
export const rinominaSettoreSchema = z.object({ settoreId: idPositivo, nome: nomeSettoreSchema });
export const settoreIdSchema = z.object({ settoreId: idPositivo });
export const unioneSchema = z.object({ daId: idPositivo, inId: idPositivo });

const puoGestire = (chi: Chi) => senzaPermesso(chi, "settori.gestisci");

const conflitto = (messaggio: string) => ({ ok: false, tipo: "conflitto", corrente: null, messaggio }) as const;
const NON_TROVATO = "Settore non trovato.";


/** Edition of each ambito, for the ambito links of a settore. */
function linkAmbiti(tx: Tx, settoreId: number) {
  return tx
    .select({ ambitoId: ambitoSettori.ambitoId, posizione: ambitoSettori.posizione, stato: editions.stato })
    .from(ambitoSettori)
    .innerJoin(ambiti, eq(ambiti.id, ambitoSettori.ambitoId))
    .innerJoin(areas, eq(areas.id, ambiti.areaId))
    .innerJoin(parts, eq(parts.id, areas.partId))
    .innerJoin(editions, eq(editions.id, parts.editionId))
    .where(eq(ambitoSettori.settoreId, settoreId))
    .all();
}

function sezioniPerStato(tx: Tx, settoreId: number) {
  return tx
    .select({ id: sections.id, stato: editions.stato, titolo: editions.titolo })
    .from(sections)
    .innerJoin(editions, eq(editions.id, sections.editionId))
    .where(eq(sections.settoreId, settoreId))
    .all();
}

/** The titles of the editions in or past signature that name this settore (their text is frozen). */
function edizioniCongelate(tx: Tx, settoreId: number): string[] {
  const titoli = new Set<string>();
  for (const s of sezioniPerStato(tx, settoreId)) if (STATI_EDIZIONE_CONGELATI.includes(s.stato)) titoli.add(s.titolo);
  const conLink = linkAmbiti(tx, settoreId).filter((l) => STATI_EDIZIONE_CONGELATI.includes(l.stato));
  if (conLink.length) {
    const ed = tx
      .selectDistinct({ titolo: editions.titolo })
      .from(ambitoSettori)
      .innerJoin(ambiti, eq(ambiti.id, ambitoSettori.ambitoId))
      .innerJoin(areas, eq(areas.id, ambiti.areaId))
      .innerJoin(parts, eq(parts.id, areas.partId))
      .innerJoin(editions, eq(editions.id, parts.editionId))
      .where(and(eq(ambitoSettori.settoreId, settoreId), inArray(editions.stato, [...STATI_EDIZIONE_CONGELATI])))
      .all();
    ed.forEach((e) => titoli.add(e.titolo));
  }
  return [...titoli];
}

const elenco = (titoli: string[]) => titoli.map((t) => `«${t}»`).join(", ");

/* ------------------------------------------------------------------ servizi */

export function creaSettore(db: Db, chi: Chi, input: z.input<typeof nuovoSettoreSchema>): Esito<{ settoreId: number }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(nuovoSettoreSchema, input);
  if (!v.ok) return v;
  const { codice, nome } = v.dati;
  return inTransazione(db, (tx) => {
    if (tx.select({ id: settori.id }).from(settori).where(eq(settori.codice, codice)).get()) {
      return nonValido([{ campo: "codice", messaggio: "Esiste già un settore con questo codice." }]);
    }
    if (tx.select({ id: settori.id }).from(settori).where(and(sql`lower(${settori.nome}) = lower(${nome})`, eq(settori.attivo, true))).get()) {
      return nonValido([{ campo: "nome", messaggio: "Esiste già un settore attivo con questo nome." }]);
    }
    const settoreId = Number(tx.insert(settori).values({ codice, nome }).run().lastInsertRowid);
    registra(tx, { ...autore(chi), azione: "settore.crea", settoreId, dettagli: { codice, nome } });
    return { ok: true, settoreId };
  });
}

/** A new name (the code stays: it is the settore's identity in packages and demo accounts). */
export function rinominaSettore(db: Db, chi: Chi, input: z.input<typeof rinominaSettoreSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(rinominaSettoreSchema, input);
  if (!v.ok) return v;
  const { settoreId, nome } = v.dati;
  return inTransazione(db, (tx) => {
    const s = tx.select().from(settori).where(eq(settori.id, settoreId)).get();
    if (!s) return nonTrovato(NON_TROVATO);
    if (s.nome === nome) return { ok: true };
    if (tx.select({ id: settori.id }).from(settori).where(and(sql`lower(${settori.nome}) = lower(${nome})`, eq(settori.attivo, true), ne(settori.id, settoreId))).get()) {
      return nonValido([{ campo: "nome", messaggio: "Esiste già un settore attivo con questo nome." }]);
    }
    const congelate = edizioniCongelate(tx, settoreId);
    if (congelate.length) {
      return nonValido([{ campo: "nome", messaggio: `Il settore compare in ${elenco(congelate)}, in firma: il testo da firmare non può cambiare. Rinominalo dopo la pubblicazione o dopo il ritiro dalla firma.` }]);
    }
    tx.update(settori).set({ nome }).where(eq(settori.id, settoreId)).run();
    registra(tx, { ...autore(chi), azione: "settore.modifica", settoreId, dettagli: { campi: ["nome"], da: s.nome, a: nome } });
    return { ok: true };
  });
}

/** Deactivates a settore that owns no section still being written (those go to another settore first, or merge). */
export function disattivaSettore(db: Db, chi: Chi, input: z.input<typeof settoreIdSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(settoreIdSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const s = tx.select().from(settori).where(eq(settori.id, v.dati.settoreId)).get();
    if (!s) return nonTrovato(NON_TROVATO);
    if (!s.attivo) return { ok: true };
    const aperte = sezioniPerStato(tx, s.id).filter((x) => edizioneAperta(x.stato)).length;
    if (aperte > 0) {
      return conflitto(
        `Il settore ha ${aperte === 1 ? "una sezione" : `${aperte} sezioni`} in edizioni in preparazione: assegnale a un altro settore oppure unisci questo settore a un altro.`,
      );
    }
    tx.update(settori).set({ attivo: false }).where(eq(settori.id, s.id)).run();
    registra(tx, { ...autore(chi), azione: "settore.disattiva", settoreId: s.id });
    return { ok: true };
  });
}

export function riattivaSettore(db: Db, chi: Chi, input: z.input<typeof settoreIdSchema>): Esito {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(settoreIdSchema, input);
  if (!v.ok) return v;
  return inTransazione(db, (tx) => {
    const s = tx.select().from(settori).where(eq(settori.id, v.dati.settoreId)).get();
    if (!s) return nonTrovato(NON_TROVATO);
    if (s.attivo) return { ok: true };
    if (s.unitoInId) return conflitto("Il settore è stato unito a un altro: le sue sezioni e i suoi referenti sono passati lì, non si può riattivare.");
    tx.update(settori).set({ attivo: true }).where(eq(settori.id, s.id)).run();
    registra(tx, { ...autore(chi), azione: "settore.riattiva", settoreId: s.id });
    return { ok: true };
  });
}

/* ------------------------------------------------------------------ unione */

export interface AnteprimaUnione {
  da: { id: number; codice: string; nome: string };
  in: { id: number; codice: string; nome: string };
  /** Sections of editions in preparation that move to the survivor. */
  sezioni: number;
  /** Sections of published editions, which keep the merged settore's name. */
  sezioniPubblicate: number;
  /** Ambito links that move, and those dropped because the survivor is already named there. */
  ambiti: number;
  ambitiDoppi: number;
  /** Referenti memberships that move, and those dropped because the person is already referente of the survivor. */
  ruoli: number;
  ruoliDoppi: number;
}

type Piano = AnteprimaUnione & {
  idSezioni: number[];
  ambitiDaSpostare: number[];
  ambitiDaTogliere: number[];
  ruoliDaSpostare: number[];
  ruoliDaTogliere: number[];
};

/** What a merge would do, or why it cannot be done. Reads only. */
function pianoUnione(tx: Tx, daId: number, inId: number): { ok: true; piano: Piano } | ReturnType<typeof nonValido> | ReturnType<typeof conflitto> | ReturnType<typeof nonTrovato> {
  if (daId === inId) return nonValido([{ campo: "inId", messaggio: "Scegli un settore diverso da quello da unire." }]);
  const da = tx.select().from(settori).where(eq(settori.id, daId)).get();
  const in_ = tx.select().from(settori).where(eq(settori.id, inId)).get();
  if (!da) return nonTrovato(NON_TROVATO);
  if (!in_) return nonValido([{ campo: "inId", messaggio: "Settore di destinazione non trovato." }]);
  if (da.unitoInId) return conflitto("Questo settore è già stato unito a un altro.");
  if (!in_.attivo) return nonValido([{ campo: "inId", messaggio: "Il settore di destinazione è disattivato: scegline uno attivo." }]);
  const congelate = edizioniCongelate(tx, daId);
  if (congelate.length) {
    return conflitto(`Il settore compare in ${elenco(congelate)}, in firma: il testo da firmare non può cambiare. Unisci i settori dopo la pubblicazione o dopo il ritiro dalla firma.`);
  }

  const sez = sezioniPerStato(tx, daId);
  const idSezioni = sez.filter((s) => edizioneAperta(s.stato)).map((s) => s.id);

  const linkDa = linkAmbiti(tx, daId).filter((l) => edizioneAperta(l.stato));
  const ambitiIn = new Set(linkAmbiti(tx, inId).map((l) => l.ambitoId));
  const ambitiDaTogliere = linkDa.filter((l) => ambitiIn.has(l.ambitoId)).map((l) => l.ambitoId);
  const ambitiDaSpostare = linkDa.filter((l) => !ambitiIn.has(l.ambitoId)).map((l) => l.ambitoId);

  const referenti = (settoreId: number) =>
    tx.select({ id: roleMemberships.id, userId: roleMemberships.userId }).from(roleMemberships).where(and(eq(roleMemberships.ruolo, "referente"), eq(roleMemberships.settoreId, settoreId))).all();
  const giaIn = new Set(referenti(inId).map((r) => r.userId));
  const ruoliDa = referenti(daId);
  const ruoliDaTogliere = ruoliDa.filter((r) => giaIn.has(r.userId)).map((r) => r.id);
  const ruoliDaSpostare = ruoliDa.filter((r) => !giaIn.has(r.userId)).map((r) => r.id);

  const nomi = (s: typeof da) => ({ id: s.id, codice: s.codice, nome: s.nome });
  return {
    ok: true,
    piano: {
      da: nomi(da),
      in: nomi(in_),
      sezioni: idSezioni.length,
      sezioniPubblicate: sez.filter((s) => s.stato === "pubblicata").length,
      ambiti: ambitiDaSpostare.length,
      ambitiDoppi: ambitiDaTogliere.length,
      ruoli: ruoliDaSpostare.length,
      ruoliDoppi: ruoliDaTogliere.length,
      idSezioni,
      ambitiDaSpostare,
      ambitiDaTogliere,
      ruoliDaSpostare,
      ruoliDaTogliere,
    },
  };
}

function soloAnteprima(p: Piano): AnteprimaUnione {
  const { idSezioni: _a, ambitiDaSpostare: _b, ambitiDaTogliere: _c, ruoliDaSpostare: _d, ruoliDaTogliere: _e, ...anteprima } = p;
  return anteprima;
}

/** The confirmation step: what the merge would move and drop. Writes nothing. */
export function anteprimaUnione(db: Db, chi: Chi, input: z.input<typeof unioneSchema>): Esito<{ anteprima: AnteprimaUnione }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(unioneSchema, input);
  if (!v.ok) return v;
  const p = pianoUnione(db, v.dati.daId, v.dati.inId);
  return p.ok ? { ok: true, anteprima: soloAnteprima(p.piano) } : p;
}

/** Merges `daId` into `inId`, all in one transaction. */
export function unisciSettori(db: Db, chi: Chi, input: z.input<typeof unioneSchema>): Esito<{ anteprima: AnteprimaUnione }> {
  const no = puoGestire(chi);
  if (no) return no;
  const v = convalida(unioneSchema, input);
  if (!v.ok) return v;
  const { daId, inId } = v.dati;
  return inTransazione(db, (tx) => {
    const r = pianoUnione(tx, daId, inId);
    if (!r.ok) return r;
    const p = r.piano;
    const adesso = new Date().toISOString();
    if (p.idSezioni.length) {
      tx.update(sections).set({ settoreId: inId, updatedAt: adesso }).where(inArray(sections.id, p.idSezioni)).run();
    }
    if (p.ambitiDaTogliere.length) {
      tx.delete(ambitoSettori).where(and(eq(ambitoSettori.settoreId, daId), inArray(ambitoSettori.ambitoId, p.ambitiDaTogliere))).run();
    }
    if (p.ambitiDaSpostare.length) {
      tx.update(ambitoSettori).set({ settoreId: inId }).where(and(eq(ambitoSettori.settoreId, daId), inArray(ambitoSettori.ambitoId, p.ambitiDaSpostare))).run();
    }
    if (p.ruoliDaTogliere.length) tx.delete(roleMemberships).where(inArray(roleMemberships.id, p.ruoliDaTogliere)).run();
    if (p.ruoliDaSpostare.length) tx.update(roleMemberships).set({ settoreId: inId }).where(inArray(roleMemberships.id, p.ruoliDaSpostare)).run();
    tx.update(settori).set({ attivo: false, unitoInId: inId }).where(eq(settori.id, daId)).run();
    registra(tx, {
      ...autore(chi),
      azione: "settore.unisci",
      settoreId: inId,
      dettagli: { daId, inId, sezioni: p.sezioni, ruoli: p.ruoli + p.ruoliDoppi, ambiti: p.ambiti + p.ambitiDoppi },
    });
    return { ok: true, anteprima: soloAnteprima(p) };
  });
}
