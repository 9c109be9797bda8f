/**
 * The audit log read as data, by the code that needs its history (the review
 * queue's order, a section's decisions, an edition's steps, the signing
 * throttle): only vocabulary actions, with details parsed to their typed shape.
 */
import "server-only";
import { and, asc, desc, eq, gt, inArray, type SQL } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { auditLog, users } from "../../db/schema";
import { leggiDettagli, type AzioneAudit, type DettagliAudit } from "./vocabolario";

export type VoceLetta<A extends AzioneAudit> = A extends AzioneAudit
  ? {
      id: number;
      at: string;
      azione: A;
      /** Null when a row's details do not have the action's shape (rows older than the vocabulary). */
      dettagli: DettagliAudit<A> | null;
      userId: number | null;
      /** The user's current name, else the recorded actor text. */
      chi: string | null;
      sectionId: number | null;
      editionId: number | null;
    }
  : never;

export interface FiltroVoci<A extends AzioneAudit> {
  azioni: readonly A[];
  ids?: readonly number[];
  editionId?: number;
  sectionIds?: readonly number[];
  userId?: number;
  /** Only rows after this instant (ISO). */
  dopo?: string;
  ordine?: "asc" | "desc";
}

export function vociAudit<A extends AzioneAudit>(db: Tx, f: FiltroVoci<A>): VoceLetta<A>[] {
  if (f.azioni.length === 0 || f.sectionIds?.length === 0 || f.ids?.length === 0) return [];
  const c: SQL[] = [inArray(auditLog.azione, [...f.azioni])];
  if (f.ids) c.push(inArray(auditLog.id, [...f.ids]));
  if (f.editionId !== undefined) c.push(eq(auditLog.editionId, f.editionId));
  if (f.sectionIds) c.push(inArray(auditLog.sectionId, [...f.sectionIds]));
  if (f.userId !== undefined) c.push(eq(auditLog.userId, f.userId));
  if (f.dopo) c.push(gt(auditLog.at, f.dopo));
  return db
    .select({ id: auditLog.id, at: auditLog.at, azione: auditLog.azione, dettagli: auditLog.dettagli, userId: auditLog.userId, nome: users.nome, attore: auditLog.attore, sectionId: auditLog.sectionId, editionId: auditLog.editionId })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(...c))
    .orderBy(f.ordine === "desc" ? desc(auditLog.id) : asc(auditLog.id))
    .all()
    .map((r) => {
      const azione = r.azione as A;
      return { id: r.id, at: r.at, azione, dettagli: leggiDettagli(azione, r.dettagli), userId: r.userId, chi: r.nome ?? r.attore, sectionId: r.sectionId, editionId: r.editionId } as VoceLetta<A>;
    });
}
