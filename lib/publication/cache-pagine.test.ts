/**
 * The Cache-Control that next.config.js gives the public edition's pages, matched the way
 * Next.js matches `headers()` sources (last matching rule wins). e2e/dati.spec.ts checks
 * the headers of real responses of a production build.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { cacheControl } from "./file-pubblici";

const require = createRequire(import.meta.url);
const { getPathMatch } = require("next/dist/shared/lib/router/utils/path-match") as {
  getPathMatch: (source: string, o: { strict: boolean; removeUnnamedParams: boolean }) => (p: string) => unknown;
};
const config = require("../../next.config.js") as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };

async function cacheDi(percorso: string): Promise<string | undefined> {
  let valore: string | undefined;
  for (const regola of await config.headers()) {
    if (!getPathMatch(regola.source, { strict: true, removeUnnamedParams: true })(percorso)) continue;
    for (const h of regola.headers) if (h.key.toLowerCase() === "cache-control") valore = h.value;
  }
  return valore;
}

describe("cache delle pagine pubbliche (next.config.js)", () => {
  it("gli indirizzi dell'ultima revisione si riconvalidano: mai un anno in una cache condivisa", async () => {
    for (const p of [
      "/edizioni/2014-2016",
      "/edizioni/2014-2016/integrita",
      "/edizioni/2014-2016/parte-2",
      "/edizioni/2014-2016/parte-2/area-1",
      "/edizioni/2014-2016/parte-2/offerta-culturale-turistica",
      // Not published yet: may exist after the next publication.
      "/edizioni/2020-2022",
      "/edizioni/2014-2016/revisioni",
      "/edizioni/2014-2016/revisioni/0",
      "/edizioni/2014-2016/revisioni/01",
      "/edizioni/2014-2016/revisioni/uno",
      "/edizioni/2014-2016/a/b/c/d",
    ]) {
      const valore = await cacheDi(p);
      expect(valore, p).toBe(cacheControl(false));
      expect(valore, p).not.toMatch(/s-maxage|immutable|31536000/);
    }
  });

  it("solo gli indirizzi di una revisione numerata restano in cache un anno, immutabili", async () => {
    for (const p of ["/edizioni/2014-2016/revisioni/1", "/edizioni/2014-2016/revisioni/12", "/edizioni/2014-2016/revisioni/2/stampa"]) {
      expect(await cacheDi(p), p).toBe(cacheControl(true));
    }
  });

  it("i file (dati.json, dati.csv, il PDF) decidono da sé, anche il no-store dei 404: nessuna regola li tocca", async () => {
    for (const f of ["dati.json", "dati.csv", "dati.schema.json", "bilancio-sociale.pdf"]) {
      expect(await cacheDi(`/edizioni/2014-2016/${f}`), f).toBeUndefined();
      expect(await cacheDi(`/edizioni/2014-2016/revisioni/1/${f}`), f).toBeUndefined();
    }
  });

  it("il resto del sito non è toccato: l'area riservata e l'elenco restano a Next (no-store)", async () => {
    for (const p of ["/", "/edizioni", "/login", "/edizione/2017-2019", "/sezioni/1/modifica"]) expect(await cacheDi(p), p).toBeUndefined();
  });
});
