/** Who is asking, read fresh from the database on every request (roles and `active` included). */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { caricaUtente, type Utente } from "@/lib/auth/actor";
import type { Chi } from "@/lib/servizio";
import { authOptions } from "./auth";

export const utenteCorrente = cache(async (): Promise<Utente | null> => {
  const session = await getServerSession(authOptions);
  const uid = (session as { uid?: unknown } | null)?.uid;
  return typeof uid === "number" ? caricaUtente(getDb(), uid) : null;
});

/** The current user, or a redirect to the login page. */
export async function richiediUtente(): Promise<Utente> {
  const u = await utenteCorrente();
  if (!u) redirect("/login");
  return u;
}

/** The current user as the services want them (id, email for the audit trail, roles), or null if the session is gone. */
export async function chiCorrente(): Promise<Chi | null> {
  const u = await utenteCorrente();
  return u ? { userId: u.id, email: u.email, attore: u.attore } : null;
}
