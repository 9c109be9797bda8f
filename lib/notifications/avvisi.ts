/**
 * Notifications: an in-app row per recipient and an e-mail in the outbox, both
 * written in the caller's transaction, so a change and its notices stand or fall
 * together. A worker sends the outbox later (lib/mail/): a mail server that is
 * down delays mail, it never loses it.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { mailOutbox, notifications, roleMemberships, sections, users } from "../../db/schema";
import { linkAssoluto } from "../mail/link";
import type { RuoloGenerale } from "../ruoli";

export interface Avviso {
  userIds: number[];
  oggetto: string;
  testo: string;
  /** Path inside the app, e.g. "/revisione/12". */
  link: string;
  /** Both by default; "app" writes only the bell row, "mail" only the mail (a daily digest). */
  canali?: "app" | "mail";
}

export function notifica(tx: Pick<Db, "insert" | "select">, a: Avviso): void {
  const ids = [...new Set(a.userIds)];
  if (ids.length === 0) return;
  const destinatari = tx.select({ id: users.id, email: users.email }).from(users).where(and(inArray(users.id, ids), eq(users.attivo, true))).all();
  for (const d of destinatari) {
    if (a.canali !== "mail") tx.insert(notifications).values({ userId: d.id, testo: a.oggetto, link: a.link }).run();
    if (a.canali !== "app") tx.insert(mailOutbox).values({ destinatario: d.email, oggetto: `[Bilancio Sociale] ${a.oggetto}`, corpo: `${a.testo}\n\nApri: ${linkAssoluto(a.link)}` }).run();
  }
}

/** Active referenti of a settore. */
export function referentiDi(tx: Pick<Db, "select">, settoreId: number): number[] {
  return tx
    .select({ id: users.id })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.ruolo, "referente"), eq(roleMemberships.settoreId, settoreId), eq(users.attivo, true)))
    .all()
    .map((r) => r.id);
}

/** Active referenti of every settore that owns a section of the edition. */
export function referentiEdizione(tx: Pick<Db, "select" | "selectDistinct">, editionId: number): number[] {
  const proprietari = tx.selectDistinct({ id: sections.settoreId }).from(sections).where(eq(sections.editionId, editionId)).all();
  return proprietari.flatMap((s) => referentiDi(tx, s.id));
}

/** Active users holding a role that is not tied to a settore. */
export function conRuolo(tx: Pick<Db, "select">, ruolo: RuoloGenerale): number[] {
  return tx
    .select({ id: users.id })
    .from(roleMemberships)
    .innerJoin(users, eq(users.id, roleMemberships.userId))
    .where(and(eq(roleMemberships.ruolo, ruolo), eq(users.attivo, true)))
    .all()
    .map((r) => r.id);
}

/** Active coordinators. */
export function coordinatori(tx: Pick<Db, "select">): number[] {
  return conRuolo(tx, "coordinatore");
}
