/**
 * The page cache of next.config.js (cache-isr.cjs): Next's own file-system cache, which
 * never keeps an answer with an error status. Run against the real Next.js module it
 * extends, so an upgrade that moves or changes it fails here.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const require = createRequire(import.meta.url);

type Valore = { kind: string; status?: number; html: string; rscData: Buffer; headers: Record<string, string>; postponed: undefined; segmentData: Map<string, Buffer> };
interface Gestore {
  set(chiave: string, valore: Valore, contesto: object): Promise<void>;
  get(chiave: string, contesto: object): Promise<{ value: Valore | null } | null>;
}
const CacheSenzaErrori = require("./cache-isr.cjs") as new (ctx: object) => Gestore;
const { nodeFs } = require("next/dist/server/lib/node-fs-methods") as { nodeFs: object };
const config = require("../../next.config.js") as { cacheHandler?: string };

const cartelle: string[] = [];
afterEach(() => {
  for (const c of cartelle.splice(0)) rmSync(c, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

function gestore() {
  const server = mkdtempSync(path.join(tmpdir(), "cache-isr-"));
  cartelle.push(server);
  // What Next.js passes to a cache handler (lib/incremental-cache/index.js), memory store included.
  const g = new CacheSenzaErrori({ fs: nodeFs, dev: false, flushToDisk: true, serverDistDir: server, revalidatedTags: [], maxMemoryCacheSize: 1024 * 1024, _requestHeaders: {} });
  const file = (): string[] => {
    const tutti: string[] = [];
    const visita = (d: string) => {
      for (const v of readdirSync(d, { withFileTypes: true })) (v.isDirectory() ? visita : (f: string) => tutti.push(path.relative(server, f)))(path.join(d, v.name));
    };
    if (existsSync(server)) visita(server);
    return tutti;
  };
  return { g, file };
}

const pagina = (status: number): Valore => ({
  kind: "APP_PAGE",
  status,
  html: "<html>pagina</html>",
  rscData: Buffer.from("rsc"),
  headers: {},
  postponed: undefined,
  segmentData: new Map([["/_tree", Buffer.from("albero")]]),
});
const contesto = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false, cacheControl: { revalidate: false, expire: undefined } };
const chiave = (p: string) => `/route-cache/APP_PAGE/abc/$${p}`;

describe("la cache delle pagine non tiene gli errori", () => {
  it("next.config.js la usa", () => {
    expect(config.cacheHandler).toBe(require.resolve("./cache-isr.cjs"));
  });

  it("una pagina trovata è tenuta in memoria e su disco, come fa Next.js", async () => {
    const { g, file } = gestore();
    await g.set(chiave("/edizioni/2014-2016"), pagina(200), contesto);
    expect(file().some((f) => f.endsWith("2014-2016.html"))).toBe(true);
    expect((await g.get(chiave("/edizioni/2014-2016"), contesto))?.value?.html).toBe("<html>pagina</html>");
  });

  it("un 404 (o un altro errore) non lascia nessun file e nessuna copia in memoria", async () => {
    const { g, file } = gestore();
    for (const [i, status] of [404, 410, 500].entries()) {
      await g.set(chiave(`/edizioni/inesistente-${i}`), pagina(status), contesto);
      await g.set(chiave(`/edizioni/rotta-${i}`), { ...pagina(status), kind: "APP_ROUTE" }, { ...contesto, kind: "APP_ROUTE" });
      expect(await g.get(chiave(`/edizioni/inesistente-${i}`), contesto)).toBeNull();
    }
    expect(file()).toEqual([]);
  });

  it("il processo dei file pubblicati non legge né scrive la cache: rende ogni pagina dal database", async () => {
    const { g, file } = gestore();
    await g.set(chiave("/edizioni/2014-2016"), pagina(200), contesto);
    vi.stubEnv("BILANCIO_RUOLO", "genera-siti");
    // The main server's copy may be the previous revision's: the child must not see it.
    expect(await g.get(chiave("/edizioni/2014-2016"), contesto)).toBeNull();
    await g.set(chiave("/edizioni/altra"), pagina(200), contesto);
    expect(file().some((f) => f.includes("altra"))).toBe(false);
  });
});
