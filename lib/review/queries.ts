/** Read models of the review: the queue, the revision a review compares with, short block labels. */
import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { revisions, sections } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import type { Blocco } from "../content/blocks";
import { richDocToPlainText } from "../content/rich-text";
import { sezioniEdizione } from "../sections/queries";
import { type RigaSezione } from "../sections/tipi";
import { formatValore } from "../numbers/format";

export interface RigaCoda extends RigaSezione {
  inviataIl: string;
}

/** Sections waiting for review, oldest submission first. */
export function codaRevisione(db: Db, editionId: number): RigaCoda[] {
  const inviate = sezioniEdizione(db, editionId).filter((s) => s.stato === "inviata");
  if (inviate.length === 0) return [];
  const invii = vociAudit(db, { azioni: ["sezione.invia"], sectionIds: inviate.map((s) => s.id) });
  const ultimoInvio = new Map(invii.map((r) => [r.sectionId, r.at]));
  return inviate
    .map((s) => ({ ...s, inviataIl: ultimoInvio.get(s.id) ?? "" }))
    .sort((a, b) => a.inviataIl.localeCompare(b.inviataIl));
}

/**
 * What a review compares with: the last approved version; else the submission
 * before the current one; else the section as it started.
 */
export function baseConfronto(db: Db, sectionId: number): { etichetta: string; numero: number; contenuto: Blocco[] } | null {
  const revs = db.select().from(revisions).where(eq(revisions.sectionId, sectionId)).orderBy(desc(revisions.numero)).all();
  const approvata = revs.find((r) => r.motivo === "approvazione");
  if (approvata) return { etichetta: `l'ultima versione approvata (revisione n. ${approvata.numero})`, numero: approvata.numero, contenuto: approvata.contenuto as Blocco[] };
  const invii = revs.filter((r) => r.motivo === "invio");
  if (invii.length >= 2) return { etichetta: `l'invio precedente (revisione n. ${invii[1].numero})`, numero: invii[1].numero, contenuto: invii[1].contenuto as Blocco[] };
  const prima = revs.at(-1);
  return prima ? { etichetta: `la versione di partenza (revisione n. ${prima.numero})`, numero: prima.numero, contenuto: prima.contenuto as Blocco[] } : null;
}

/** A short, recognisable name for a block: its value and label, or its title. */
export function etichettaBlocco(b: Blocco): string {
  const corta = (t: string) => (t.length > 70 ? t.slice(0, 67) + "…" : t);
  switch (b.tipo) {
    case "indicatore":
      return corta(`${b.valore === null ? b.testoValore : formatValore(b.valore, b.unita, { scala: b.scala, variazione: b.variazione })} ${b.etichetta}`);
    case "testo":
      return corta(b.titolo || richDocToPlainText(b.contenuto) || "Testo");
    default:
      return corta(b.titolo);
  }
}

export function versioneSezione(db: Db, sectionId: number): number | undefined {
  return db.select({ v: sections.version }).from(sections).where(eq(sections.id, sectionId)).get()?.v;
}
