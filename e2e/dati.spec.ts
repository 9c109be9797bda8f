/**
 * On the real production server: caching of the public edition (the latest
 * revision's addresses revalidate, so an erratum reaches shared caches; only the
 * revision-numbered addresses are cached for a year), and the data-safety scripts
 * beside it (backup while it runs, restore refused while it runs, verify).
 */
import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { EDIZIONE_PUBBLICATA as SLUG } from "../db/demo/edizioni";

const E2E_DATABASE = "data/e2e.sqlite";

const ULTIMA = "public, max-age=60, must-revalidate";
const REVISIONE = "public, max-age=31536000, immutable";

test("la cache pubblica: l'ultima revisione si riconvalida, una revisione numerata resta un anno", async ({ request }) => {
  const attesi: [string, number, string][] = [
    [`/edizioni/${SLUG}`, 200, ULTIMA],
    [`/edizioni/${SLUG}/integrita`, 200, ULTIMA],
    [`/edizioni/${SLUG}/dati.json`, 200, ULTIMA],
    [`/edizioni/${SLUG}/revisioni/1`, 200, REVISIONE],
    [`/edizioni/${SLUG}/revisioni/1/dati.json`, 200, REVISIONE],
    // Not published (yet): never kept by a shared cache, which would hold it as missing after publication.
    ["/edizioni/2020-2022", 404, "no-store"],
    [`/edizioni/${SLUG}/revisioni/9`, 404, "no-store"],
    [`/edizioni/${SLUG}/revisioni/9/dati.json`, 404, "no-store"],
  ];
  const visti: string[] = [];
  // Twice each: the first render fills Next's full-route cache, the second is served from it.
  for (let giro = 0; giro < 2; giro++) {
    for (const [percorso, stato, cache] of attesi) {
      const r = await request.get(percorso);
      visti.push(`${percorso} ${r.status()} ${r.headers()["cache-control"]}`);
      expect(r.status(), percorso).toBe(stato);
      expect(r.headers()["cache-control"], percorso).toBe(cache);
    }
  }
  for (const percorso of [`/edizioni/${SLUG}/identita`, `/edizioni/${SLUG}/impegni`, `/edizioni/${SLUG}/impegni/area-1`]) {
    const r = await request.get(percorso);
    expect(r.status(), percorso).toBe(200);
    expect(r.headers()["cache-control"], visti.join("\n")).toBe(ULTIMA);
  }
});

test("con il server acceso: db:backup scrive una copia controllata, db:restore rifiuta di sostituire il database", async () => {
  const cartella = mkdtempSync(path.join(tmpdir(), "e2e-backup-"));
  try {
    const env = { ...process.env, DATABASE_PATH: E2E_DATABASE, BACKUP_DIR: cartella };
    const copia = spawnSync("npm", ["run", "-s", "db:backup"], { env, encoding: "utf8" });
    expect(copia.status, copia.stderr).toBe(0);
    const [file] = readdirSync(cartella);
    expect(file).toMatch(/^e2e-.*Z\.sqlite$/);
    expect(statSync(path.join(cartella, file)).mode & 0o777).toBe(0o600);
    const ripristino = spawnSync("npm", ["run", "-s", "db:restore", path.join(cartella, file)], { env, encoding: "utf8" });
    expect(ripristino.status).toBe(1);
    expect(ripristino.stderr).toMatch(/aperto da un altro processo \(il server è in esecuzione/);
    const verifica = spawnSync("npm", ["run", "-s", "verify"], { env, encoding: "utf8" });
    expect(verifica.status, verifica.stdout + verifica.stderr).toBe(0);
    expect(verifica.stdout).toMatch(/Catena integra/);
  } finally {
    rmSync(cartella, { recursive: true, force: true });
  }
});
