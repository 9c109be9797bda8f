/**
 * Runs before every page: the security headers of lib/sicurezza/intestazioni.ts, with a
 * fresh script nonce for the pages rendered per request (Next.js reads it from the
 * request's Content-Security-Policy and puts it on its own scripts).
 */
import { NextResponse, type NextRequest } from "next/server";
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
    risposta = NextResponse.next({ request: { headers: richiesta } });
  } else risposta = NextResponse.next();
  for (const [k, v] of Object.entries(intestazioni)) risposta.headers.set(k, v);
  return risposta;
}

export const config = {
  matcher: [
    // Not the build's static files (immutable, no HTML) nor prefetches.
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
