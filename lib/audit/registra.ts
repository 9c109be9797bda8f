/**
 * The append-only audit log. Callers write the row inside the same transaction
 * as the change it records, so there is never a change without its trail; the
 * action must be one of the vocabulary's, with details of its shape.
 */
import type { Tx } from "../../db/client";
import { auditLog } from "../../db/schema";
import type { AzioneAudit, DettagliAudit } from "./vocabolario";

export type VoceAudit<A extends AzioneAudit = AzioneAudit> = {
  userId?: number | null;
  attore?: string | null;
  azione: A;
  editionId?: number | null;
  sectionId?: number | null;
  settoreId?: number | null;
  ip?: string | null;
} & (undefined extends DettagliAudit<A> ? { dettagli?: DettagliAudit<A> } : { dettagli: DettagliAudit<A> });

export function registra<A extends AzioneAudit>(db: Tx, voce: VoceAudit<A>): void {
  db.insert(auditLog)
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
    .run();
}
