import { expect, test } from "@playwright/test";
import { accedi, azioniRegistrate, controllaAccessibilita, creaUtente, esci, tentaAccesso } from "./helpers";

const HOMES = [
  { email: "coordinatore@cremona.example", url: /\/coordinamento$/, titolo: "Bilancio Sociale 2017–2019", contenuto: "Rilancio delle istituzioni culturali" },
  { email: "cultura@cremona.example", url: /\/settore$/, titolo: "Le sezioni del tuo settore", contenuto: "Rilancio delle istituzioni culturali" },
  { email: "istruzione@cremona.example", url: /\/settore$/, titolo: "Le sezioni del tuo settore", contenuto: "L'istruzione" },
  { email: "assessore@cremona.example", url: /\/edizione$/, titolo: "Edizioni", contenuto: "Bilancio Sociale 2017–2019" },
  { email: "lettore@cremona.example", url: /\/edizione$/, titolo: "Edizioni", contenuto: "Bilancio Sociale 2014–2016" },
  { email: "amministratore@cremona.example", url: /\/amministrazione$/, titolo: "Amministrazione", contenuto: "coordinatore@cremona.example" },
];

test("la pagina di accesso è in italiano e accessibile", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accedi al Bilancio Sociale");
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
  await controllaAccessibilita(page);
});

for (const h of HOMES) {
  test(`${h.email} entra nella sua pagina iniziale ed esce`, async ({ page }) => {
    await accedi(page, h.email);
    await expect(page).toHaveURL(h.url);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(h.titolo);
    await expect(page.getByText(h.contenuto).first()).toBeVisible();
    await controllaAccessibilita(page);
    await esci(page);
    // After logout the homes are closed again.
    await page.goto("/coordinamento");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("una password sbagliata riceve il messaggio generico, uguale a quello di un'email inesistente", async ({ page }) => {
  await tentaAccesso(page, "lettore@cremona.example", "password-sbagliata");
  await expect(page.locator("#login-errore")).toHaveText("Email o password non corretti.");
  await tentaAccesso(page, "nessuno@cremona.example", "password-sbagliata");
  await expect(page.locator("#login-errore")).toHaveText("Email o password non corretti.");
  await expect(page).toHaveURL(/\/login/);
});

test("dopo cinque tentativi falliti da questo dispositivo l'account vi è bloccato anche con la password giusta", async ({ page, browser }) => {
  const email = `bloccato-${Date.now()}@cremona.example`;
  await creaUtente(browser, email, "la frase giusta del lunedì", "lettore");
  for (let i = 0; i < 5; i++) {
    await tentaAccesso(page, email, `sbagliata-${i}`);
    await expect(page.locator("#login-errore")).toHaveText("Email o password non corretti.");
  }
  await tentaAccesso(page, email, "la frase giusta del lunedì");
  await expect(page.locator("#login-errore")).toContainText("Troppi tentativi");
  await expect(page).toHaveURL(/\/login/);
});

test("accesso, accesso fallito e uscita finiscono nel registro", async ({ page, browser }) => {
  const email = `registro-${Date.now()}@cremona.example`;
  await creaUtente(browser, email, "una frase sul torrone e il violino", "lettore");
  await tentaAccesso(page, email, "sbagliata");
  await expect(page.locator("#login-errore")).toBeVisible();
  await accedi(page, email, "una frase sul torrone e il violino");
  await esci(page);
  // (The account's creation and invitation are in the log too, before these.)
  await expect.poll(() => azioniRegistrate(email).filter((x) => x.startsWith("accesso") || x === "uscita")).toEqual(["accesso.fallito", "accesso", "uscita"]);
});

test("la password non finisce mai nell'indirizzo della pagina", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("form")).toHaveAttribute("method", "post");
  await page.getByLabel("Email").fill("lettore@cremona.example");
  await page.getByLabel("Password").fill("una-password-segreta");
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page.locator("#login-errore")).toBeVisible();
  expect(page.url()).not.toContain("una-password-segreta");
});
