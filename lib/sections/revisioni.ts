/**
 * A section's revisions: every saved state of its blocks. Autosaves by one author
 * within a minute share a revision, so the history stays readable.
 */
import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { blocks, revisions, users } from "../../db/schema";
import type { Blocco } from "../content/blocks";
import type { MotivoRevisione } from "./tipi";

/** Autosaves by the same author within this window update one revision instead of adding many. */
export const FINESTRA_REVISIONE_MS = 60_000;

/** Snapshot of the section after a change; consecutive saves by one author in a minute share a revision. */
export function registraRevisione(db: Tx, sectionId: number, authorId: number | null, motivo: MotivoRevisione, adesso = new Date()) {
  const contenuto = db.select({ dati: blocks.payload }).from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(asc(blocks.posizione)).all().map((b) => b.dati);
  const ultima = db.select().from(revisions).where(eq(revisions.sectionId, sectionId)).orderBy(desc(revisions.numero)).get();
  const recente = ultima && adesso.getTime() - new Date(ultima.createdAt).getTime() < FINESTRA_REVISIONE_MS;
  if (motivo === "salvataggio" && ultima && ultima.motivo === "salvataggio" && ultima.authorId === authorId && recente) {
    db.update(revisions).set({ contenuto }).where(eq(revisions.id, ultima.id)).run();
    return ultima.numero;
  }
  const numero = (ultima?.numero ?? 0) + 1;
  db.insert(revisions).values({ sectionId, numero, contenuto, motivo, authorId, createdAt: adesso.toISOString() }).run();
  return numero;
}

export function elencoRevisioni(db: Tx, sectionId: number) {
  return db
    .select({ numero: revisions.numero, motivo: revisions.motivo, createdAt: revisions.createdAt, autore: users.nome, contenuto: revisions.contenuto })
    .from(revisions)
    .leftJoin(users, eq(users.id, revisions.authorId))
    .where(eq(revisions.sectionId, sectionId))
    .orderBy(desc(revisions.numero))
    .all()
    .map((r) => ({ ...r, blocchi: (r.contenuto as Blocco[]).length }));
}
