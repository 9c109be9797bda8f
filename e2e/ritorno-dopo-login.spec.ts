/**
 * A link of the app opened while signed out (a notification mail, a bookmark) goes
 * through the login and lands on its own page, query included; the login's return
 * address never leads to another site.
 */
import { expect, test, type Page } from "@playwright/test";
import { SEZIONI_DEMO } from "../db/demo/edizioni";
import { controllaAccessibilita, idSezione, PASSWORD } from "./helpers";
import { linkDellaNotifica } from "./posta";

/** The demo sent this section back to its settore: its referente has the mail. */
const REFERENTE = "cultura@cremona.example";

/** Fills the login form where the page already is: unlike accedi(), it keeps the page's callbackUrl. */
async function accediQui(page: Page, email: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Accedi" }).click();
}

test("il collegamento di una notifica aperto senza sessione porta, dopo l'accesso, alla sezione", async ({ page }) => {
  const sectionId = idSezione(SEZIONI_DEMO.daRivedere);
  // The mail the demo's request of changes sent, read as the referente would (the worker writes it within 15 s).
  await expect.poll(() => linkDellaNotifica(REFERENTE, "Richieste modifiche alla sezione"), { timeout: 60_000, intervals: [1000] }).toBe(`/sezioni/${sectionId}`);
  const link = linkDellaNotifica(REFERENTE, "Richieste modifiche alla sezione")!;

  await page.goto(link);
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(link)}`);
  await controllaAccessibilita(page);
  await accediQui(page, REFERENTE);
  await expect(page).toHaveURL(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offerta culturale e turistica");
});

test("il ritorno conserva la query della pagina", async ({ page }) => {
  await page.goto("/registro?azione=accesso");
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent("/registro?azione=accesso")}`);
  await accediQui(page, "coordinatore@cremona.example");
  await expect(page).toHaveURL("/registro?azione=accesso");
  await expect(page.getByLabel("Azione", { exact: true })).toHaveValue("accesso");
});

test("un indirizzo di ritorno verso un altro sito porta alla pagina iniziale, non fuori", async ({ page }) => {
  for (const fuori of ["https://evil.example/", "//evil.example/", "/\\evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(fuori)}`);
    await accediQui(page, REFERENTE);
    // The referente's home, on this site.
    await expect(page, fuori).toHaveURL("/settore");
  }
});
