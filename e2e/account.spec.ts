// Passwords never contain the unique part of the test's email: the policy refuses that.

/**
 * One's own account: "Password dimenticata?", the reset link from the mail,
 * changing the password at /profilo, accepting an invitation, and sessions that
 * end for real (logout, reset, change). Each journey uses accounts of its own:
 * the six demo accounts keep their password for the other specs.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import { accedi, controllaAccessibilita, creaUtente, esci, tentaAccesso } from "./helpers";
import { ultimoLink } from "./posta";

const unico = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function nuovaPagina(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** Signed in means /profilo opens; signed out means it sends to the login page. */
async function aspettaConnesso(page: Page, connesso: boolean) {
  await page.goto("/profilo");
  if (connesso) await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il mio profilo");
  else await expect(page).toHaveURL(/\/login/);
}

async function chiediReimpostazione(page: Page, email: string): Promise<string> {
  await page.goto("/login");
  await page.getByRole("link", { name: "Password dimenticata?" }).click();
  await expect(page).toHaveURL(/\/password-dimenticata$/);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invia le istruzioni" }).click();
  const risposta = page.getByRole("status");
  await expect(risposta).toBeVisible();
  return (await risposta.textContent()) ?? "";
}

test("password dimenticata: la stessa risposta per un indirizzo noto e uno sconosciuto; il link della mail reimposta la password e chiude le vecchie sessioni", async ({ page, browser }) => {
  const u = unico();
  const email = `reimposta-${u}@cremona.example`;
  const vecchia = "la vecchia frase del torrone";
  const nuova = "una frase nuova sul violino";
  await creaUtente(browser, email, vecchia, "lettore");

  // An old session of this user, in another browser.
  const altrove = await nuovaPagina(browser);
  await accedi(altrove, email, vecchia);
  await aspettaConnesso(altrove, true);

  await page.goto("/password-dimenticata");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Password dimenticata?");
  await controllaAccessibilita(page);
  // A malformed address is said at the field.
  await page.getByLabel("Email").fill("non-una-email");
  await page.getByRole("button", { name: "Invia le istruzioni" }).click();
  await expect(page.locator("#email-errore")).toHaveText("Email non valida");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue("non-una-email");

  const perSconosciuto = await chiediReimpostazione(page, `nessuno-${u}@cremona.example`);
  await controllaAccessibilita(page);
  const perNoto = await chiediReimpostazione(page, email.toUpperCase());
  expect(perNoto).toBe(perSconosciuto);
  expect(perNoto).toContain("Se l'indirizzo corrisponde a un account attivo");

  // The mail arrives through the outbox; its link is the only way in.
  await expect.poll(() => ultimoLink(email, "reimposta"), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
  expect(ultimoLink(`nessuno-${u}@cremona.example`, "reimposta")).toBeNull();
  const link = ultimoLink(email, "reimposta")!;
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Reimposta la password");
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel("Nuova password")).toHaveAccessibleDescription(/Almeno 12 caratteri/);
  await controllaAccessibilita(page);

  // The policy, at the field, keeping what was typed.
  await page.getByLabel("Nuova password").fill("Password1234!");
  await page.getByLabel("Ripeti la password").fill("Password1234!");
  await page.getByRole("button", { name: "Imposta la nuova password" }).click();
  await expect(page.locator("#password-errore")).toContainText("tra le più comuni");
  await expect(page.getByLabel("Nuova password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nuova password")).toHaveValue("Password1234!");
  await controllaAccessibilita(page);
  await page.getByLabel("Nuova password").fill(nuova);
  await page.getByLabel("Ripeti la password").fill(`${nuova}!`);
  await page.getByRole("button", { name: "Imposta la nuova password" }).click();
  await expect(page.locator("#conferma-errore")).toHaveText("Le due password non coincidono.");
  await page.getByLabel("Ripeti la password").fill(nuova);
  await page.getByRole("button", { name: "Imposta la nuova password" }).click();

  await expect(page).toHaveURL(/\/login\?esito=password-reimpostata$/);
  await expect(page.getByRole("status")).toContainText("Password reimpostata");
  await controllaAccessibilita(page);

  // The old session is over; the old password no longer opens; the new one does.
  await aspettaConnesso(altrove, false);
  await tentaAccesso(page, email, vecchia);
  await expect(page.locator("#login-errore")).toHaveText("Email o password non corretti.");
  await accedi(page, email, nuova);
  await aspettaConnesso(page, true);

  // The link worked once.
  const dopo = await nuovaPagina(browser);
  await dopo.goto(link);
  await expect(dopo.getByRole("heading", { level: 1 })).toHaveText("Collegamento non utilizzabile");
  await expect(dopo.locator(".alert-warning")).toContainText("già stato usato");
  await controllaAccessibilita(dopo);
});

test("dal profilo si cambia la propria password: le altre sessioni finiscono, questa resta", async ({ page, browser }) => {
  const u = unico();
  const email = `profilo-${u}@cremona.example`;
  const vecchia = "la frase iniziale del Po";
  const nuova = "la frase cambiata del Torrazzo";
  await creaUtente(browser, email, vecchia, "lettore");

  const altrove = await nuovaPagina(browser);
  await accedi(altrove, email, vecchia);
  await accedi(page, email, vecchia);

  // The name in the header leads to the profile.
  await page.getByRole("link", { name: "Prova lettore" }).click();
  await expect(page).toHaveURL(/\/profilo$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Il mio profilo");
  await expect(page.getByText(email)).toBeVisible();
  await controllaAccessibilita(page);

  await page.getByLabel("Password attuale").fill("non è questa la password");
  await page.getByLabel("Nuova password").fill(nuova);
  await page.getByLabel("Ripeti la password").fill(nuova);
  await page.getByRole("button", { name: "Cambia la password" }).click();
  await expect(page.locator("#attuale-errore")).toHaveText("La password attuale non è corretta.");
  await expect(page.getByLabel("Nuova password")).toHaveValue(nuova);
  await controllaAccessibilita(page);

  // Containing the address is refused too.
  await page.getByLabel("Password attuale").fill(vecchia);
  await page.getByLabel("Nuova password").fill(`io sono profilo-${u}`);
  await page.getByLabel("Ripeti la password").fill(`io sono profilo-${u}`);
  await page.getByRole("button", { name: "Cambia la password" }).click();
  await expect(page.locator("#password-errore")).toHaveText("La password non deve contenere il tuo indirizzo email o il tuo nome utente.");

  await page.getByLabel("Nuova password").fill(nuova);
  await page.getByLabel("Ripeti la password").fill(nuova);
  await page.getByRole("button", { name: "Cambia la password" }).click();
  await expect(page.getByRole("status")).toContainText("Password cambiata");
  await expect(page.getByLabel("Password attuale")).toHaveValue("");

  // This session goes on, the other one is over.
  await aspettaConnesso(page, true);
  await aspettaConnesso(altrove, false);
  await esci(page);
  await tentaAccesso(page, email, vecchia);
  await expect(page.locator("#login-errore")).toHaveText("Email o password non corretti.");
  await accedi(page, email, nuova);
});

test("un cookie di sessione copiato prima dell'uscita non apre più nulla dopo", async ({ page, browser }) => {
  const u = unico();
  const email = `uscita-${u}@cremona.example`;
  const password = "una frase per uscire di casa";
  await creaUtente(browser, email, password, "lettore");
  await accedi(page, email, password);
  await aspettaConnesso(page, true);
  const copiati = await page.context().cookies();
  expect(copiati.some((c) => c.name.includes("session-token"))).toBe(true);

  // Before logout the copy works, as a stolen cookie would.
  const ladro = await (await browser.newContext()).newPage();
  await ladro.context().addCookies(copiati);
  await aspettaConnesso(ladro, true);

  await aspettaConnesso(page, true);
  await esci(page);
  await aspettaConnesso(ladro, false);
});

test("invito: dall'amministrazione parte la mail, il link attiva l'account una volta sola; un invito non valido ha la sua pagina", async ({ page, browser }) => {
  const u = unico();
  const email = `invitato-${u}@cremona.example`;
  const password = "la mia frase segreta di Cremona";

  await accedi(page, "amministratore@cremona.example");
  await page.goto("/amministrazione/utenti/nuovo");
  await page.getByLabel("Nome e cognome").fill(`Invitato ${u}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);

  await expect.poll(() => ultimoLink(email, "invito"), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
  const link = ultimoLink(email, "invito")!;
  const invitato = await nuovaPagina(browser);
  await invitato.goto(link);
  await expect(invitato.getByRole("heading", { level: 1 })).toHaveText("Attiva il tuo account");
  await expect(invitato.getByText(`Invitato ${u}`)).toBeVisible();
  await expect(invitato.getByText(email)).toBeVisible();
  await expect(invitato.getByLabel("Nuova password")).toHaveAccessibleDescription(/Almeno 12 caratteri/);
  await controllaAccessibilita(invitato);

  await invitato.getByLabel("Nuova password").fill("breve");
  await invitato.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(invitato.locator("#password-errore")).toHaveText("La password deve avere almeno 12 caratteri.");
  await expect(invitato.locator("#conferma-errore")).toHaveText("Ripeti la nuova password.");
  await controllaAccessibilita(invitato);
  await invitato.getByLabel("Nuova password").fill(password);
  await invitato.getByLabel("Ripeti la password").fill(password);
  await invitato.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(invitato).toHaveURL(/\/login\?esito=password-impostata$/);
  await expect(invitato.getByRole("status")).toContainText("Password impostata");
  await accedi(invitato, email, password);

  // Used once; a made-up token says so too.
  const altro = await nuovaPagina(browser);
  await altro.goto(link);
  await expect(altro.getByRole("heading", { level: 1 })).toHaveText("Invito non utilizzabile");
  await expect(altro.locator(".alert-warning")).toContainText("già stato usato");
  await controllaAccessibilita(altro);
  await altro.goto(`/invito/${"x".repeat(43)}`);
  await expect(altro.locator(".alert-warning")).toContainText("non è valido");
});
