/**
 * A 404 is never stored by a cache: `Cache-Control: no-store`, whatever the address's
 * rule said. next.config.js gives the public edition's page addresses their caching
 * before the page is rendered (a minute, or a year at a revision's own address), and
 * Next.js keeps a header set there, so without this an address not published yet
 * (/edizioni/<slug>/revisioni/<n+1>) could be held as missing by a shared cache for a
 * year, and after the next publication. The status is known only when the answer
 * starts, so the change is made there, at the HTTP server: server.ts calls this on every response.
 */
import type http from "node:http";

const NON_TROVATA = 404;

/** Drops any Cache-Control from the headers given to writeHead (an object, or a flat [name, value, …] list). */
function senzaCache(intestazioni: unknown): unknown {
  if (Array.isArray(intestazioni)) {
    const tenute: unknown[] = [];
    for (let i = 0; i < intestazioni.length; i += 2) {
      if (String(intestazioni[i]).toLowerCase() !== "cache-control") tenute.push(intestazioni[i], intestazioni[i + 1]);
    }
    return tenute;
  }
  if (intestazioni && typeof intestazioni === "object") {
    return Object.fromEntries(Object.entries(intestazioni).filter(([k]) => k.toLowerCase() !== "cache-control"));
  }
  return intestazioni;
}

/** Makes this response's 404, if it answers one, `no-store`. */
export function nessunaCacheSeNonTrovata(res: http.ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: http.ServerResponse, stato: number, ...resto: unknown[]) {
    if (stato === NON_TROVATA && !this.headersSent) {
      this.setHeader("Cache-Control", "no-store");
      resto = resto.map((r) => (typeof r === "string" ? r : senzaCache(r)));
    }
    return (writeHead as (...a: unknown[]) => http.ServerResponse).call(this, stato, ...resto);
  } as typeof res.writeHead;
}
