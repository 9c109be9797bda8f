/**
 * The security headers are on every answer, prefetches included: a browser keeps a
 * prefetched document (`Purpose: prefetch`) and the router a prefetched page
 * (`Next-Router-Prefetch`), and a public revision's address is cached for a year, so a
 * prefetch answered without them would later be shown without Content-Security-Policy.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { EDIZIONE_PUBBLICATA as SLUG } from "../db/demo/edizioni";
import { accedi } from "./helpers";

const PREFETCH: Record<string, Record<string, string>> = {
  documento: { Purpose: "prefetch", "Sec-Purpose": "prefetch" },
  router: { "Next-Router-Prefetch": "1", RSC: "1" },
};

function haLeIntestazioni(r: APIResponse, dove: string) {
  const h = r.headers();
  expect(h["content-security-policy"], dove).toContain("frame-ancestors 'none'");
  expect(h["content-security-policy"], dove).toContain("object-src 'none'");
  expect(h["x-content-type-options"], dove).toBe("nosniff");
  expect(h["x-frame-options"], dove).toBe("DENY");
}

async function controlla(request: APIRequestContext, percorso: string) {
  for (const [tipo, intestazioni] of Object.entries(PREFETCH)) {
    // A router request without Next's cache-busting parameter is first redirected to the address
    // with it: that answer too, then the page's.
    const primo = await request.get(percorso, { headers: intestazioni, maxRedirects: 0 });
    haLeIntestazioni(primo, `${percorso} (prefetch ${tipo}, prima risposta): ${primo.status()}`);
    const r = await request.get(percorso, { headers: intestazioni });
    const dove = `${percorso} (prefetch ${tipo}): ${r.status()} ${r.url()}`;
    expect(r.status(), dove).toBe(200);
    expect(new URL(r.url()).pathname, dove).toBe(percorso);
    haLeIntestazioni(r, dove);
  }
}

test("una pagina pubblica chiesta in prefetch ha la politica dei contenuti e le altre intestazioni", async ({ request }) => {
  await controlla(request, "/edizioni");
  await controlla(request, `/edizioni/${SLUG}/revisioni/1`);
});

test("una pagina dell'area riservata chiesta in prefetch ha la politica dei contenuti, con il nonce", async ({ page }) => {
  await accedi(page, "coordinatore@cremona.example");
  await controlla(page.request, "/notifiche");
  const r = await page.request.get("/notifiche", { headers: PREFETCH.router });
  expect(r.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
});
