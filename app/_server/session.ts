/** Who is asking, read fresh from the database on every request (roles and `active` included). */
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { caricaUtente, type Utente } from "@/lib/auth/actor";
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
