/** The client's address for throttling and the audit log, read as the login does (app/_server/auth.ts). */
import "server-only";
import { headers } from "next/headers";

export async function indirizzoClient(): Promise<string> {
  const h = await headers();
  const primo = h.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (primo || "sconosciuto").slice(0, 100);
}
