/**
 * GET /api/salute on the real server, signed out: 200 with every named check ok (a fresh
 * demo database, and the empty one configured by `npm run setup`), JSON, never cached,
 * with the security headers, and nothing in it that names a path or a person.
 * The checks themselves (and each way of being not ready) are in lib/salute.test.ts.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { URL_VUOTO } from "./server-vuoto";

const CONTROLLI = ["database", "disco", "posta", "backup", "filePubblicati"];

async function salute(request: APIRequestContext, url: string) {
  const r = await request.get(url, { maxRedirects: 0 });
  const corpo = await r.text();
  expect(r.status(), corpo).toBe(200);
  expect(r.headers()["content-type"]).toContain("application/json");
  expect(r.headers()["cache-control"]).toBe("no-store");
  expect(r.headers()["x-content-type-options"]).toBe("nosniff");
  const json = JSON.parse(corpo) as { stato: string; vivo: boolean; pronto: boolean; controlli: Record<string, { ok: boolean; edizioni?: number }> };
  expect(json).toMatchObject({ stato: "pronto", vivo: true, pronto: true });
  expect(Object.keys(json.controlli)).toEqual(CONTROLLI);
  for (const nome of CONTROLLI) expect(json.controlli[nome].ok, `${nome}: ${JSON.stringify(json.controlli[nome])}`).toBe(true);
  for (const segreto of [process.cwd(), "data/", ".sqlite", "@"]) expect(corpo).not.toContain(segreto);
  return json;
}

test("/api/salute risponde 200 senza accesso, con ogni controllo nominato e pronto", async ({ request }) => {
  const demo = await salute(request, "/api/salute");
  // The demo has its published edition (other specs may publish more).
  expect(demo.controlli.filePubblicati.edizioni).toBeGreaterThanOrEqual(1);
  const vuoto = await salute(request, `${URL_VUOTO}/api/salute`);
  expect(vuoto.controlli.filePubblicati.edizioni).toBe(0);
});
