import { expect, test, type Browser, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { roleMemberships, settori, users } from "../db/schema";
import { accedi, azioneContraffatta, controllaAccessibilita, leggiDb } from "./helpers";
import { ultimoLink } from "./posta";

/** Every journey names its own people and settori: the demo accounts stay as other specs expect them. */
const unico = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const utenteDb = (email: string) => leggiDb((d) => d.select().from(users).where(eq(users.email, email)).get());
const settoreDb = (codice: string) => leggiDb((d) => d.select().from(settori).where(eq(settori.codice, codice)).get());

async function creaSettoreDaUi(page: Page, nome: string, codice: string) {
  await page.goto("/amministrazione/settori");
  await page.getByLabel("Nome", { exact: true }).fill(nome);
  await page.getByLabel("Codice", { exact: true }).fill(codice);
  await page.getByRole("button", { name: "Crea il settore" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/settori\/\d+\?creato=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nome);
}

/** From the settore's page: invite a referente of it; returns the user's page URL. */
async function invitaReferente(page: Page, nome: string, email: string) {
  await page.getByRole("link", { name: "Invita un referente del settore" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nuovo utente");
  await page.getByLabel("Nome e cognome").fill(nome);
  await page.getByLabel("Email").fill(email);
  await expect(page.getByLabel("Ruolo", { exact: true })).toHaveValue("referente");
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);
}

async function nuovaPagina(browser: Browser) {
  const contesto = await browser.newContext();
  return contesto.newPage();
}

test("l'amministratore crea un settore e ne invita il referente, che sceglie la password e accede; disattivato, esce al clic successivo", async ({ page, browser }) => {
  const u = unico();
  const nomeSettore = `Settore Prove ${u}`;
  const codice = `prove-${u}`;
  const email = `referente-${u}@cremona.example`;

  await accedi(page, "amministratore@cremona.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Amministrazione");
  await controllaAccessibilita(page);

  // A settore: a taken code is said at its field, and what was typed stays.
  await page.getByRole("link", { name: "Settori" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settori");
  await controllaAccessibilita(page);
  await page.getByLabel("Nome", { exact: true }).fill(nomeSettore);
  await page.getByLabel("Codice", { exact: true }).fill("cultura");
  await page.getByRole("button", { name: "Crea il settore" }).click();
  await expect(page.locator("#codice-errore")).toHaveText("Esiste già un settore con questo codice.");
  await expect(page.getByLabel("Codice", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nome", { exact: true })).toHaveValue(nomeSettore);
  await page.getByLabel("Codice", { exact: true }).fill(codice);
  await page.getByRole("button", { name: "Crea il settore" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/settori\/\d+\?creato=1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nomeSettore);
  await controllaAccessibilita(page);

  // Its referente: an email already in use is said at the field; then the invitation leaves.
  await page.getByRole("link", { name: "Invita un referente del settore" }).click();
  await controllaAccessibilita(page);
  await page.getByLabel("Nome e cognome").fill(`Referente ${u}`);
  await page.getByLabel("Email").fill("Coordinatore@cremona.example");
  await expect(page.getByLabel("Settore", { exact: true })).toHaveValue(String(settoreDb(codice)!.id));
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page.locator("#email-errore")).toHaveText("Questa email è già usata da un altro utente.");
  await expect(page.getByLabel("Nome e cognome")).toHaveValue(`Referente ${u}`);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Utente creato" })).toContainText(email);
  await expect(page.getByText(/Invito in attesa, scade il/)).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: `Referente di settore (${nomeSettore})` })).toBeVisible();
  await controllaAccessibilita(page);
  const paginaUtente = page.url().replace(/\?.*$/, "");

  // The invitation arrives through the outbox (the worker writes .eml files); its link sets the password.
  await expect.poll(() => ultimoLink(email, "invito"), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
  const link = ultimoLink(email, "invito")!;
  // Not containing the email (the password policy says so at the field).
  const password = "cavallo azzurro sul ponte vecchio";
  const ref = await nuovaPagina(browser);
  await ref.goto(link);
  await ref.getByLabel("Nuova password").fill(password);
  await ref.getByLabel("Ripeti la password").fill(password);
  await ref.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(ref).toHaveURL(/\/login/);
  await accedi(ref, email, password);
  await expect(ref).toHaveURL(/\/settore$/);

  // The admin's list now says the password is chosen.
  await page.goto("/amministrazione");
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Password scelta");

  // Deactivated: out on the next click, and the account stays in the list.
  await page.goto(paginaUtente);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Disattiva l'utente" }).click();
  await expect(page.getByRole("button", { name: "Riattiva l'utente" })).toBeVisible();
  expect(utenteDb(email)!.attivo).toBe(false);
  await ref.getByRole("link", { name: "Il mio settore" }).click();
  await expect(ref).toHaveURL(/\/login/);
  await ref.context().close();
});

test("la persona già invitata riceve un nuovo invito; ruoli aggiunti e tolti dalla sua scheda", async ({ page }) => {
  const u = unico();
  const email = `ruoli-${u}@cremona.example`;
  await accedi(page, "amministratore@cremona.example");
  await page.goto("/amministrazione/utenti/nuovo");
  await page.getByLabel("Nome e cognome").fill(`Persona ${u}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Ruolo", { exact: true }).selectOption("coordinatore");
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);

  // Coordinatore and lettore at once; the same role twice is refused at the field.
  await page.getByLabel("Ruolo", { exact: true }).selectOption("lettore");
  await page.getByRole("button", { name: "Aggiungi il ruolo" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Lettore" })).toBeVisible();
  await page.getByLabel("Ruolo", { exact: true }).selectOption("coordinatore");
  await page.getByRole("button", { name: "Aggiungi il ruolo" }).click();
  await expect(page.locator("#aggiungi-ruolo-errore")).toHaveText("Ha già il ruolo «Coordinatore».");
  await page.getByRole("button", { name: "Togli il ruolo Lettore" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "Lettore" })).toHaveCount(0);

  await page.getByRole("button", { name: "Invia di nuovo l'invito" }).click();
  await expect(page.getByText("Invito inviato di nuovo")).toBeVisible();
  await controllaAccessibilita(page);
});

test("importazione di utenti da CSV: anteprima con le righe sbagliate, nulla scritto finché non si scartano", async ({ page }) => {
  const u = unico();
  const buone = `buona-${u}@cremona.example`;
  const csv = ["nome;email;ruolo;codice settore", `Persona Buona ${u};${buone};referente;polizia-locale`, `Persona Sbagliata ${u};sbagliata-${u}@cremona.example;sindaco;`].join("\n");
  await accedi(page, "amministratore@cremona.example");
  await page.goto("/amministrazione");
  await page.getByRole("link", { name: "Importa utenti da file" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importa utenti da un file");
  await page.getByLabel("File CSV o Excel (.xlsx)").setInputFiles({ name: "persone.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Mostra anteprima" }).click();
  const errori = page.getByRole("table", { name: "Errori nel file" });
  await expect(errori.getByRole("row")).toHaveCount(2);
  await expect(errori).toContainText("«sindaco» sconosciuto");
  await expect(page.getByRole("table", { name: "Persone da creare" })).toContainText(buone);
  await controllaAccessibilita(page);
  const importa = page.getByRole("button", { name: "Importa 1 persona e invia gli inviti" });
  await expect(importa).toBeDisabled();
  expect(utenteDb(buone)).toBeUndefined();
  await page.locator("label[for=scarta]").click();
  await expect(page.getByLabel("Scarta le righe con errori e importa solo quelle valide")).toBeChecked();
  await importa.click();
  await expect(page.getByRole("status")).toContainText("Importate 1 persona con 1 ruolo");
  expect(utenteDb(buone)).toMatchObject({ nome: `Persona Buona ${u}`, passwordHash: "", attivo: true });
  expect(utenteDb(`sbagliata-${u}@cremona.example`)).toBeUndefined();
});

test("unire due settori: conferma con quello che cambia, poi sezioni e referenti passano al superstite", async ({ page }) => {
  const u = unico();
  await accedi(page, "amministratore@cremona.example");
  await creaSettoreDaUi(page, `Settore Superstite ${u}`, `superstite-${u}`);
  await creaSettoreDaUi(page, `Settore Unito ${u}`, `unito-${u}`);
  await invitaReferente(page, `Referente Unito ${u}`, `unito-${u}@cremona.example`);
  await page.goto(`/amministrazione/settori/${settoreDb(`unito-${u}`)!.id}`);
  await page.getByLabel("Settore che resta").selectOption({ label: `Settore Superstite ${u} (superstite-${u})` });
  await page.getByRole("button", { name: "Continua" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unisci settori");
  await expect(page.getByText("1 referente diventa referente di")).toBeVisible();
  await controllaAccessibilita(page);
  await page.getByRole("button", { name: "Conferma l'unione" }).click();
  await expect(page).toHaveURL(new RegExp(`/amministrazione/settori/${settoreDb(`superstite-${u}`)!.id}\\?unito=1$`));
  await expect(page.getByRole("listitem").filter({ hasText: `unito-${u}@cremona.example` })).toBeVisible();
  expect(settoreDb(`unito-${u}`)).toMatchObject({ attivo: false, unitoInId: settoreDb(`superstite-${u}`)!.id });
});

test("referente e coordinatore sono respinti su ogni schermata dell'amministrazione; le azioni contraffatte di un referente sono negate", async ({ page, browser }) => {
  const u = unico();
  // What the forged requests aim at: a settore and a person made for this test.
  const admin = await nuovaPagina(browser);
  await accedi(admin, "amministratore@cremona.example");
  await creaSettoreDaUi(admin, `Settore Bersaglio ${u}`, `bersaglio-${u}`);
  await invitaReferente(admin, `Bersaglio ${u}`, `bersaglio-${u}@cremona.example`);
  const bersaglio = utenteDb(`bersaglio-${u}@cremona.example`)!;
  const settore = settoreDb(`bersaglio-${u}`)!;
  const ruolo = leggiDb((d) => d.select().from(roleMemberships).where(and(eq(roleMemberships.userId, bersaglio.id))).get())!;
  await admin.context().close();

  const indirizzi = [
    "/amministrazione",
    "/amministrazione/utenti/nuovo",
    "/amministrazione/utenti/importa",
    `/amministrazione/utenti/${bersaglio.id}`,
    "/amministrazione/settori",
    `/amministrazione/settori/${settore.id}`,
    `/amministrazione/settori/${settore.id}/unisci?in=${settoreDb("cultura")!.id}`,
  ];
  await accedi(page, "cultura@cremona.example");
  for (const a of indirizzi) {
    const r = await page.goto(a);
    expect(r?.status(), a).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  }
  const coord = await nuovaPagina(browser);
  await accedi(coord, "coordinatore@cremona.example");
  for (const a of indirizzi) expect((await coord.goto(a))?.status(), a).toBe(403);
  await coord.context().close();

  // Forged: the action ids read from the build, posted as the browser would.
  await page.goto("/settore");
  for (const [nome, input] of [
    ["disattivaUtenteAction", { userId: bersaglio.id }],
    ["reinviaInvitoAction", { userId: bersaglio.id }],
    ["rimuoviRuoloAction", { membershipId: ruolo.id }],
    ["disattivaSettoreAction", { settoreId: settore.id }],
    ["unisciSettoriAction", { daId: settore.id, inId: settoreDb("cultura")!.id }],
  ] as const) {
    const r = await azioneContraffatta(page, "/settore", nome, input);
    expect(await r.text(), nome).toContain("Solo l'amministratore gestisce utenti e settori.");
  }
  expect(utenteDb(bersaglio.email)!.attivo).toBe(true);
  expect(leggiDb((d) => d.select().from(roleMemberships).where(eq(roleMemberships.id, ruolo.id)).get())).toBeDefined();
  expect(settoreDb(`bersaglio-${u}`)).toMatchObject({ attivo: true, unitoInId: null });
});
