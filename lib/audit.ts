/**
 * The append-only audit log. Callers write the row inside the same transaction
 * as the change it records, so there is never a change without its trail.
 */
import { auditLog } from "../db/schema";
import type { Db } from "../db/client";

/** A drizzle transaction or the database itself. */
export type Scrittore = Pick<Db, "insert" | "select" | "update" | "delete">;

export interface VoceAudit {
  userId?: number | null;
  attore?: string | null;
  azione: string;
  editionId?: number | null;
  sectionId?: number | null;
  settoreId?: number | null;
  dettagli?: Record<string, unknown> | null;
  ip?: string | null;
}

export function registra(db: Scrittore, voce: VoceAudit): void {
  db.insert(auditLog)
    .values({
      userId: voce.userId ?? null,
      attore: voce.attore ?? null,
      azione: voce.azione,
      editionId: voce.editionId ?? null,
      sectionId: voce.sectionId ?? null,
      settoreId: voce.settoreId ?? null,
      dettagli: voce.dettagli ?? null,
      ip: voce.ip ?? null,
    })
    .run();
}
