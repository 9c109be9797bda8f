/**
 * Runs before every page: the security headers of lib/sicurezza/intestazioni.ts, with a
 * fresh script nonce for the pages rendered per request (Next.js reads it from the
 * request's Content-Security-Policy and puts it on its own scripts), and, for those pages,
 * their own path in a request header, so a signed-out visit can come back after the login.
 */
import { NextResponse, type NextRequest } from "next/server";
import { INTESTAZIONE_PERCORSO, percorsoDellaRichiesta } from "@/lib/sicurezza/destinazione";
import { intestazioniSicurezza, nuovoNonce, percorsoPubblicoInCache } from "@/lib/sicurezza/intestazioni";

/** Over https when the app's public address says so (NEXTAUTH_URL), or the request itself came over TLS. */
function suHttps(request: NextRequest): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https:") || request.nextUrl.protocol === "https:";
}

export function proxy(request: NextRequest) {
  const pubblico = percorsoPubblicoInCache(request.nextUrl.pathname);
  const nonce = pubblico ? undefined : nuovoNonce();
  const intestazioni = intestazioniSicurezza({ nonce, https: suHttps(request), sviluppo: process.env.NODE_ENV === "development" });
  let risposta: NextResponse;
  if (nonce) {
    const richiesta = new Headers(request.headers);
    richiesta.set("Content-Security-Policy", intestazioni["Content-Security-Policy"]);
    // The page's own address, for the way back after a login (app/_server/session.ts richiediUtente);
    // never one the client sent.
    const percorso = percorsoDellaRichiesta(request.nextUrl);
    if (percorso) richiesta.set(INTESTAZIONE_PERCORSO, percorso);
    else richiesta.delete(INTESTAZIONE_PERCORSO);
    risposta = NextResponse.next({ request: { headers: richiesta } });
  } else risposta = NextResponse.next();
  for (const [k, v] of Object.entries(intestazioni)) risposta.headers.set(k, v);
  return risposta;
}

export const config = {
  matcher: [
    // Not the build's static files (immutable, no HTML). Prefetches are matched: a prefetched
    // document (Purpose: prefetch) or page (Next-Router-Prefetch) is kept and shown later, so it
    // needs its security headers as much as any other answer (e2e/intestazioni-prefetch.spec.ts).
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};
