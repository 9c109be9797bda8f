/** The client's address for throttling and the audit log, read as the login does (lib/sicurezza/indirizzo.ts). */
import "server-only";
import { headers } from "next/headers";
import { indirizzoDa, INTESTAZIONE_SOCKET } from "@/lib/sicurezza/indirizzo";

export async function indirizzoClient(): Promise<string> {
  const h = await headers();
  return indirizzoDa({ socket: h.get(INTESTAZIONE_SOCKET), inoltrato: h.get("x-forwarded-for") });
}
