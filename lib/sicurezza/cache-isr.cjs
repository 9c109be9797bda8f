/**
 * Next.js's cache of rendered pages (the full-route cache: its files in
 * .next/server/route-cache, and its copy in memory), used by next.config.js
 * `cacheHandler`, with one change: an answer with an error status (a 404 for an address
 * no edition has) is never kept. The public pages are cached on first request
 * (generateStaticParams returns nothing, dynamicParams stays true so that an edition
 * published after the build is served without one); Next.js would keep every missing
 * address too, ~41 KB of files each until the next build, so anyone could fill the disk
 * with random addresses. A missing address is rendered again at each request instead:
 * cheap, a lookup that finds nothing.
 * Known limit: a page once cached that later answers 404 would keep its cached copy; a
 * published page never does (publications are never withdrawn).
 *
 * Plain CommonJS: Next.js loads it with Node at start, outside its bundles. It extends
 * Next's own file-system cache (an internal module, so tested in cache-isr.test.ts).
 */
"use strict";

const FileSystemCache = require("next/dist/server/lib/incremental-cache/file-system-cache").default;

/** The kinds of cached answer that carry an HTTP status (pages and route handlers). */
const RISPOSTE = new Set(["APP_PAGE", "APP_ROUTE", "PAGES"]);

/** An answer that must not be kept: an error status (404 above all). */
function daNonTenere(valore) {
  return Boolean(valore) && RISPOSTE.has(valore.kind) && typeof valore.status === "number" && valore.status >= 400;
}

/**
 * The published files' child process (server.ts --genera-siti) neither reads nor writes the
 * cache: it renders every page fresh from the database (the main server's cache may still
 * hold the previous revision, invalidated only in that server's memory), and the cache files
 * are the main server's.
 */
const senzaCache = () => process.env.BILANCIO_RUOLO === "genera-siti";

class CacheSenzaErrori extends FileSystemCache {
  async get(...argomenti) {
    if (senzaCache()) return null;
    return super.get(...argomenti);
  }

  async set(chiave, valore, contesto) {
    if (daNonTenere(valore) || senzaCache()) return;
    return super.set(chiave, valore, contesto);
  }
}

module.exports = CacheSenzaErrori;
module.exports.daNonTenere = daNonTenere;
