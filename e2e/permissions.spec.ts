import { expect, test } from "@playwright/test";
import { accedi, controllaAccessibilita, creaUtente, idSezione, togliRuolo } from "./helpers";

test("un referente legge le proprie sezioni ed è respinto su quelle di un altro settore", async ({ page }) => {
  await accedi(page, "cultura@cremona.example");
  await expect(page).toHaveURL(/\/settore$/);

  await page.getByRole("link", { name: "Rilancio delle istituzioni culturali" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rilancio delle istituzioni culturali");
  // The report renderer prints Italian numbers and the PRIMA/DOPO card.
  await expect(page.getByText("1,8 milioni di euro", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Rilancio e sostegno della formazione musicale in città" })).toBeVisible();
  await controllaAccessibilita(page);

  const altra = await page.goto(`/sezioni/${idSezione("conosci-istruzione")}`);
  expect(altra?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  await expect(page.getByRole("heading", { name: "L'istruzione" })).toHaveCount(0);
});

test("il lettore legge l'intera edizione con i numeri all'italiana", async ({ page }) => {
  await accedi(page, "lettore@cremona.example");
  await page.goto(`/sezioni/${idSezione("conosci-popolazione")}`);
  await expect(page.getByText("71.924", { exact: true })).toBeVisible();
  await expect(page.getByText("abitanti nel 2016")).toBeVisible();
  await expect(page.getByText("2,11", { exact: false }).first()).toBeVisible();
  await expect(page.getByText("14,7%").first()).toBeVisible();
  await controllaAccessibilita(page);
});

test("un ruolo tolto ha effetto alla richiesta successiva, senza nuovo accesso", async ({ page, browser }) => {
  const email = `revoca-${Date.now()}@cremona.example`;
  const scheda = await creaUtente(browser, email, "la frase del coordinamento", "coordinatore");
  await accedi(page, email, "la frase del coordinamento");
  await expect(page).toHaveURL(/\/coordinamento$/);
  await togliRuolo(browser, scheda, "Coordinatore");
  const r = await page.goto("/coordinamento");
  expect(r?.status()).toBe(403);
});
