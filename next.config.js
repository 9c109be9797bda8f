/**
 * Caching of the public edition's pages. Next.js sends `s-maxage=31536000` (a year in
 * shared caches) for every page kept in its full-route cache, 404s included, which is
 * right only where the bytes never change. Here:
 * - the latest revision's addresses (/edizioni/<slug>, its parts, pages and integrity
 *   page, and any address not found yet) may change with an erratum or the next
 *   publication: a minute, then a conditional request (the same rule as the files,
 *   lib/publication/file-pubblici.ts cacheControl(false));
 * - a revision's own address (/edizioni/<slug>/revisioni/<n>, its print page) never
 *   changes: a year, immutable (cacheControl(true)).
 * A header set here is kept by Next for pages (it only fills Cache-Control when missing),
 * and would override a route handler's: the files (dati.json, dati.csv, the PDF) set their
 * own, 404s included (no-store), so no rule here matches them.
 * A 404 is answered `no-store` whatever rule matched its address (lib/sicurezza/risposte-404.ts),
 * so no shared cache holds a revision not published yet as missing; nor does Next keep it
 * (cacheHandler below).
 * Tested in lib/publication/cache-pagine.test.ts and, on a real response, e2e/dati.spec.ts.
 */
const CACHE_ULTIMA = "public, max-age=60, must-revalidate";
const CACHE_REVISIONE = "public, max-age=31536000, immutable";
const REVISIONE = ":n([1-9]\\d{0,5})";

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    // When two rules match, the later one's value wins.
    return [
      // Every page address (no segment with a dot): the files (dati.json, …) are left to their
      // route handlers, whose own header would be overridden by a rule matching them.
      { source: "/edizioni/:percorso((?:[^/.]+/)*[^/.]+)", headers: [{ key: "Cache-Control", value: CACHE_ULTIMA }] },
      { source: `/edizioni/:slug/revisioni/${REVISIONE}`, headers: [{ key: "Cache-Control", value: CACHE_REVISIONE }] },
      { source: `/edizioni/:slug/revisioni/${REVISIONE}/stampa`, headers: [{ key: "Cache-Control", value: CACHE_REVISIONE }] },
    ];
  },
  // Next's cache of rendered pages, except that an answer with an error status is never kept:
  // random missing addresses under /edizioni must not fill the disk (lib/sicurezza/cache-isr.cjs).
  cacheHandler: require.resolve("./lib/sicurezza/cache-isr.cjs"),
  // Native modules stay outside the bundle and are loaded by Node at run time.
  serverExternalPackages: ["better-sqlite3", "@node-rs/argon2", "nodemailer", "fflate", "pino", "pino-pretty"],
  poweredByHeader: false,
  // app/stile/bootstrap-italia.scss imports Bootstrap Italia's Sass sources from node_modules; their
  // deprecation warnings (the library still uses @import and global functions) are not ours to fix.
  sassOptions: { loadPaths: [require("node:path").join(__dirname, "node_modules")], quietDeps: true, silenceDeprecations: ["import"] },
  // forbidden() answers 403 with app/forbidden.tsx when the policy refuses a page.
  experimental: {
    authInterrupts: true,
    // Uploads through server actions: an edition package (up to 4 MB, lib/editions/crea.ts) and
    // spreadsheets (up to 5 MB, app/_server/import-actions.ts), with the form's other fields.
    serverActions: { bodySizeLimit: "6mb" },
  },
};

module.exports = nextConfig;
