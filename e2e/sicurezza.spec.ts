import { expect, test, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/open";
import { auditLog } from "../db/schema";
import { accedi, idSezione, PASSWORD, tentaAccesso } from "./helpers";

/** Collects the page's Content-Security-Policy violations, as the browser reports them. */
async function violazioniCsp(page: Page): Promise<string[]> {
  const v: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) v.push(m.text());
  });
  return v;
}

test("l'app di lavoro ha i suoi script solo con il nonce, e l'editor funziona sotto la politica", async ({ page }) => {
  const violazioni = await violazioniCsp(page);
  await accedi(page, "cultura@cremona.example");
  const r = await page.goto(`/sezioni/${idSezione("rilancio-istituzioni-culturali")}/modifica`);
  const csp = r!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(r!.headers()["x-frame-options"]).toBe("DENY");
  expect(r!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(r!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(r!.headers()["permissions-policy"]).toContain("camera=()");
  // The editor hydrates (TipTap included): its toolbar answers and autosave reports.
  await expect(page.getByRole("button", { name: "Aggiungi blocco" })).toBeEnabled();
  await expect(page.locator("[contenteditable=true]").first()).toBeVisible();
  expect(violazioni).toEqual([]);
});

test("le pagine pubbliche e il registro non si possono incorniciare e funzionano sotto la politica", async ({ page }) => {
  const violazioni = await violazioniCsp(page);
  const r = await page.goto("/edizioni/2014-2016");
  expect(r!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(r!.headers()["content-security-policy"]).toContain("object-src 'none'");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(violazioni).toEqual([]);
});

test("dopo l'accesso si resta sul sito, qualunque destinazione sia scritta nell'indirizzo", async ({ page }) => {
  for (const cattiva of ["/\\evil.example/x", "/%09/evil.example/x", "//evil.example/x", "https://evil.example/x"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(cattiva)}`);
    await page.getByLabel("Email").fill("lettore@cremona.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page).not.toHaveURL(/\/login/);
    expect(new URL(page.url()).host, cattiva).toBe(new URL(test.info().project.use.baseURL!).host);
  }
  // A real same-site destination is still honoured.
  await page.context().clearCookies();
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/edizione/2014-2016")}`);
  await page.getByLabel("Email").fill("lettore@cremona.example");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(/\/edizione\/2014-2016$/);
});

test("un X-Forwarded-For inventato non cambia l'indirizzo registrato né aggira i limiti per indirizzo", async ({ page }) => {
  const email = `nessuno-${Date.now()}@cremona.example`;
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "6.6.6.6" });
  await tentaAccesso(page, email, "sbagliata");
  await expect(page.locator("#login-errore")).toBeVisible();
  await expect.poll(() => indirizziRegistrati(email)).toEqual(["127.0.0.1"]);
});

/** The addresses recorded in the audit log for an e-mail, oldest first. */
function indirizziRegistrati(email: string): string[] {
  const d = openDatabase("data/e2e.sqlite");
  try {
    return d.select({ ip: auditLog.ip }).from(auditLog).where(eq(auditLog.attore, email)).orderBy(auditLog.id).all().map((r) => (r.ip ?? "").replace(/^::ffff:/, ""));
  } finally {
    d.$client.close();
  }
}
