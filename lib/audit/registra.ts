/**
 * The append-only audit log. Callers write the row inside the same transaction
 * as the change it records, so there is never a change without its trail; the
 * action must be one of the vocabulary's, with details of its shape.
 */
import type { Tx } from "../../db/client";
import { auditLog } from "../../db/schema";
import { isAzioneAudit, type AzioneAudit, type DettagliAudit } from "./vocabolario";

export type VoceAudit<A extends AzioneAudit = AzioneAudit> = {
  userId?: number | null;
  attore?: string | null;
  azione: A;
  editionId?: number | null;
  sectionId?: number | null;
  settoreId?: number | null;
  ip?: string | null;
} & (undefined extends DettagliAudit<A> ? { dettagli?: DettagliAudit<A> } : { dettagli: DettagliAudit<A> });

/** Writes the row; returns its id, for a change that later refers back to it (an undo). */
export function registra<A extends AzioneAudit>(db: Tx, voce: VoceAudit<A>): number {
  // The types already refuse an unknown action; a cast or plain JS would still be caught here.
  if (!isAzioneAudit(voce.azione)) throw new Error(`Azione di registro sconosciuta: ${String(voce.azione)}`);
  return db.insert(auditLog)
    .values({
      userId: voce.userId ?? null,
      attore: voce.attore ?? null,
      azione: voce.azione,
      editionId: voce.editionId ?? null,
      sectionId: voce.sectionId ?? null,
      settoreId: voce.settoreId ?? null,
      dettagli: (voce.dettagli ?? null) as unknown,
      ip: voce.ip ?? null,
    })
    .returning({ id: auditLog.id })
    .get().id;
}
