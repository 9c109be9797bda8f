import { test } from "@playwright/test";

test("sonda intestazioni", async ({ request }) => {
  for (const u of ["/edizioni", "/edizioni/2014-2016", "/edizioni/2014-2016/integrita", "/edizioni/2014-2016/revisioni/1", "/edizioni/2014-2016/revisioni/9", "/edizioni/nessuna", "/edizioni/2014-2016/revisioni/1/stampa", "/edizioni/2014-2016/dati.json", "/edizioni/2014-2016/revisioni/1/dati.json"]) {
    for (let i = 0; i < 2; i++) {
      const r = await request.get(u);
      console.log("SONDA", u, r.status(), JSON.stringify(r.headers()["cache-control"]), r.headers()["x-nextjs-cache"] ?? "");
    }
  }
});
