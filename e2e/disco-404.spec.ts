/**
 * Anonymous disk filling: every address under /edizioni that no edition has must cost
 * no file. Next.js keeps the pages of its full-route cache as files in
 * .next/server/route-cache (html, rsc, meta and the prefetch segments, ~41 KB a page),
 * 404s included unless told otherwise: 1,000 random missing addresses must add under
 * 100 KB there, and each answers 404 with `no-store`, so no shared cache keeps a future
 * revision as missing.
 */
import { expect, test } from "@playwright/test";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { EDIZIONE_PUBBLICATA as SLUG } from "../db/demo/edizioni";

// The whole server folder, wherever in it Next.js puts its cache (route-cache/ in Next 16).
const CACHE = path.join(process.cwd(), ".next", "server");
const RICHIESTE = 1000;
const IN_PARALLELO = 8;

/**
 * Bytes under the server's folder for files made for these addresses: a file counts
 * when one of its path's segments (before the first dot: "x.html", "x.segments") is one of
 * the tokens, so pages cached meanwhile by other tests are left out.
 */
function byteDi(gettoni: Set<string>): number {
  let totale = 0;
  const visita = (cartella: string, nostra: boolean) => {
    if (!existsSync(cartella)) return;
    for (const voce of readdirSync(cartella, { withFileTypes: true })) {
      const dove = path.join(cartella, voce.name);
      const conta = nostra || gettoni.has(voce.name.split(".")[0]);
      if (voce.isDirectory()) visita(dove, conta);
      else if (conta) totale += statSync(dove).size;
    }
  };
  visita(CACHE, false);
  return totale;
}

test("1.000 indirizzi inesistenti sotto /edizioni non scrivono file: meno di 100 KB su disco, e ogni 404 è no-store", async ({ request }) => {
  const giro = Date.now().toString(36);
  const gettoni = new Set<string>();
  const percorsi: string[] = [];
  for (let i = 0; i < RICHIESTE; i++) {
    const g = `z${giro}q${i}`;
    // A revision number that no edition will reach in this run (at most 6 digits: the app's own rule).
    const n = String(900_000 + ((i * 7919 + Number.parseInt(giro.slice(-4), 36)) % 99_999));
    const forme = [
      `/edizioni/${g}`,
      `/edizioni/${g}/integrita`,
      `/edizioni/${SLUG}/${g}`,
      `/edizioni/${SLUG}/impegni/${g}`,
      `/edizioni/${g}/impegni/area-1`,
      `/edizioni/${SLUG}/revisioni/${n}`,
    ];
    const forma = forme[i % forme.length];
    gettoni.add(forma.endsWith(n) ? n : g);
    percorsi.push(forma);
  }
  const prima = byteDi(gettoni);
  const risposte: string[] = [];
  for (let i = 0; i < percorsi.length; i += IN_PARALLELO) {
    const lotto = percorsi.slice(i, i + IN_PARALLELO);
    const esiti = await Promise.all(lotto.map(async (p) => {
      const r = await request.get(p, { maxRedirects: 0 });
      return `${p} ${r.status()} ${r.headers()["cache-control"]}`;
    }));
    risposte.push(...esiti);
  }
  // Every one is a real 404, never kept by a shared cache.
  expect.soft(risposte.filter((r) => !/ 404 no-store$/.test(r))).toEqual([]);
  const aggiunti = byteDi(gettoni) - prima;
  expect(aggiunti, `${aggiunti} byte scritti in ${CACHE}`).toBeLessThan(100 * 1024);
});
