/**
 * Who is asking, read fresh from the database on every request (roles and `active` included).
 * The cookie is not enough: its session row (lib/auth/sessioni.ts) must still be open, not idle
 * for more than 30 minutes nor older than 8 hours, and belong to an active user.
 */
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { caricaUtente, type Utente } from "@/lib/auth/actor";
import { usaSessione } from "@/lib/auth/sessioni";
import { annotaUtente } from "@/lib/contesto-richiesta";
import { INTESTAZIONE_PERCORSO, indirizzoAccesso } from "@/lib/sicurezza/destinazione";
import type { Chi } from "@/lib/servizio";
import { authOptions } from "./auth";

const sessioneCorrente = cache(async (): Promise<{ uid: number; sid: string } | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: unknown; sid?: unknown } | null;
  const { uid, sid } = session ?? {};
  if (typeof uid !== "number" || typeof sid !== "string") return null;
  const v = usaSessione(getDb(), sid);
  if (!v.ok || v.userId !== uid) return null;
  // The request's log line carries who asked (server.ts).
  annotaUtente(uid);
  return { uid, sid };
});

export const utenteCorrente = cache(async (): Promise<Utente | null> => {
  const s = await sessioneCorrente();
  return s ? caricaUtente(getDb(), s.uid) : null;
});

/** The id of the current request's open session (to keep it when ending the user's others), or null. */
export async function idSessioneCorrente(): Promise<string | null> {
  return (await sessioneCorrente())?.sid ?? null;
}

/**
 * The current user, or a redirect to the login page carrying this page's path (set by proxy.ts)
 * as the way back: a link in a notification mail opened while signed out still lands on its page.
 */
export async function richiediUtente(): Promise<Utente> {
  const u = await utenteCorrente();
  if (!u) redirect(indirizzoAccesso((await headers()).get(INTESTAZIONE_PERCORSO)));
  return u;
}

/** The current user as the services want them (id, email for the audit trail, roles), or null if the session is gone. */
export async function chiCorrente(): Promise<Chi | null> {
  const u = await utenteCorrente();
  return u ? { userId: u.id, email: u.email, attore: u.attore } : null;
}
