/** Reading one's own in-app notifications. Every query is scoped to the user: nobody reads or marks another's. */
import "server-only";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications } from "../../db/schema";

export interface Notifica {
  id: number;
  testo: string;
  link: string | null;
  letta: boolean;
  createdAt: string;
}

export function nonLette(db: Db, userId: number): number {
  return db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.letta, false))).get()?.n ?? 0;
}

/** The user's notifications, newest first. */
export function elencoNotifiche(db: Db, userId: number, limite = 100): Notifica[] {
  return db
    .select({ id: notifications.id, testo: notifications.testo, link: notifications.link, letta: notifications.letta, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limite)
    .all();
}

/**
 * Marks as read the user's notifications with the given ids (ids of other users
 * are ignored), or all of them when `ids` is omitted. Returns how many changed.
 */
export function segnaLette(db: Db, userId: number, ids?: number[]): number {
  if (ids && ids.length === 0) return 0;
  const condizioni = [eq(notifications.userId, userId), eq(notifications.letta, false)];
  if (ids) condizioni.push(inArray(notifications.id, ids));
  return db.update(notifications).set({ letta: true }).where(and(...condizioni)).run().changes;
}
