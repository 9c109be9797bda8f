/**
 * Issue 11, "Done when": a Comune goes from an empty install to its first
 * section submitted, with nobody at the database. The server for this spec
 * (e2e/server-vuoto.ts, started by playwright.config.ts) has NO demo: only what
 * `npm run setup` made (the Ente and the first amministratore, with no
 * password). From there everything happens in the browser; links are read from
 * the mail folder as a person would from their inbox.
 */
import { expect as expectBase, test, type Browser, type Locator, type Page } from "@playwright/test";
import { accedi, controllaAccessibilita } from "./helpers";
import { ultimoLink } from "./posta";
import { POSTA_VUOTO, PRIMO_AVVIO, URL_VUOTO } from "./server-vuoto";

// A busy 2-core machine builds each first page of a fresh server on demand: more room than 5 s per check.
const expect = expectBase.configure({ timeout: 15_000 });
// One step that cannot happen fails within its own budget, not at the end of the whole journey's.
test.use({ baseURL: URL_VUOTO, actionTimeout: 30_000 });

const SETTORE = { nome: "Settore Servizi Sociali", codice: "servizi-sociali" };
const REFERENTE = { nome: "Rita Referente", email: "rita.referente@borgoprova.example" };
const COORDINATORE = { nome: "Carlo Coordinatore", email: "carlo.coordinatore@borgoprova.example" };
const EDIZIONE = { titolo: "Bilancio sociale 2024–2026", annoInizio: "2024", annoFine: "2026", slug: "2024-2026" };
const PARTE = "Gli impegni del mandato";
const AREA = "Welfare e comunità";
const AMBITI = ["Anziani a casa propria", "Servizi per la prima infanzia"] as const;

async function nuovaPagina(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The invitation link in the newest mail to `email`, once the server's mail worker (every 15 s) has written it. */
async function invitoPer(email: string): Promise<string> {
  await expect.poll(() => ultimoLink(email, "invito", POSTA_VUOTO), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
  return ultimoLink(email, "invito", POSTA_VUOTO)!;
}

/** Opens the invitation, chooses the password, logs in. */
async function attivaEAccedi(page: Page, persona: { nome: string; email: string }, password: string) {
  await page.goto(await invitoPer(persona.email));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Attiva il tuo account");
  await expect(page.getByText(persona.nome)).toBeVisible();
  await page.getByLabel("Nuova password").fill(password);
  await page.getByLabel("Ripeti la password").fill(password);
  await page.getByRole("button", { name: "Attiva l'account" }).click();
  await expect(page).toHaveURL(/\/login\?esito=password-impostata$/);
  await accedi(page, persona.email, password);
}

/** From /amministrazione/utenti/nuovo (or a settore's "Invita un referente"): fills and sends the form. */
async function invia(page: Page, persona: { nome: string; email: string }) {
  await page.getByLabel("Nome e cognome").fill(persona.nome);
  await page.getByLabel("Email").fill(persona.email);
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Utente creato" })).toContainText(persona.email);
}

/** A radio button as a person picks it: Bootstrap Italia draws its label over the input. */
async function scegli(page: Page, etichetta: string) {
  await page.locator("label.form-check-label", { hasText: etichetta }).click();
  await expect(page.getByLabel(etichetta)).toBeChecked();
}

/**
 * Opens an "Aggiungi …" panel inside `dove` (after an addition it stays open,
 * ready for the next one), fills it and sends it.
 */
async function aggiungi(dove: Locator, etichetta: string, campi: { titolo: string; obiettivo?: string; settore?: string }) {
  const modulo = dove.locator("form").filter({ has: dove.page().getByRole("button", { name: etichetta, exact: true }) }).last();
  if (!(await modulo.getByLabel("Titolo").isVisible())) await dove.locator("summary", { hasText: etichetta }).last().click();
  await modulo.getByLabel("Titolo").fill(campi.titolo);
  if (campi.obiettivo) await modulo.getByLabel("Obiettivo").fill(campi.obiettivo);
  if (campi.settore) await modulo.getByLabel("Settore che la scrive").selectOption({ label: campi.settore });
  await modulo.getByRole("button", { name: etichetta, exact: true }).click();
  // The announcement agrees with the element: a part, an area, a page «…» aggiunta; an ambito «…» aggiunto.
  const aggiunto = /^Aggiungi (una |un')/.test(etichetta) ? "aggiunta" : "aggiunto";
  await expect(dove.page().getByRole("status").filter({ hasText: `«${campi.titolo}» ${aggiunto}.` })).toBeVisible();
}

test("primo avvio senza demo: dall'invito di npm run setup alla prima sezione inviata alla revisione, solo dal browser", async ({ browser }) => {
  // Three people, four invitations through the mail worker (up to 15 s each), about forty page steps.

  // 1. The amministratore made by `npm run setup` has no password: the invitation in the mail folder sets it.
  const admin = await nuovaPagina(browser);
  await attivaEAccedi(admin, PRIMO_AVVIO, "il ponte di legno sul fiume Po");
  await expect(admin).toHaveURL(/\/amministrazione$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Amministrazione");

  // 2. A settore, and its referente invited from the settore's page.
  await admin.getByRole("link", { name: "Settori", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Settori");
  await admin.getByLabel("Nome", { exact: true }).fill(SETTORE.nome);
  await admin.getByLabel("Codice", { exact: true }).fill(SETTORE.codice);
  await admin.getByRole("button", { name: "Crea il settore" }).click();
  await expect(admin).toHaveURL(/\/amministrazione\/settori\/\d+\?creato=1$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(SETTORE.nome);
  await admin.getByRole("link", { name: "Invita un referente del settore" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Nuovo utente");
  await expect(admin.getByLabel("Ruolo", { exact: true })).toHaveValue("referente");
  await invia(admin, REFERENTE);
  await expect(admin.getByRole("listitem").filter({ hasText: `Referente di settore (${SETTORE.nome})` })).toBeVisible();

  // 3. A coordinatore.
  await admin.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link", { name: "Amministrazione" }).click();
  await admin.getByRole("link", { name: "Nuovo utente" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText("Nuovo utente");
  await admin.getByLabel("Ruolo", { exact: true }).selectOption("coordinatore");
  await invia(admin, COORDINATORE);
  await expect(admin.getByRole("button", { name: "Togli il ruolo Coordinatore" })).toBeVisible();
  await admin.context().close();

  // 4. The coordinatore: no edition yet; a blank one, then its structure.
  const coord = await nuovaPagina(browser);
  await attivaEAccedi(coord, COORDINATORE, "la torre alta sopra la piazza");
  await expect(coord).toHaveURL(/\/coordinamento$/);
  await expect(coord.getByText("Non c'è ancora nessuna edizione del Bilancio Sociale.")).toBeVisible();
  await controllaAccessibilita(coord);
  // The empty dashboard says where to begin.
  await coord.getByRole("link", { name: "Crea la prima edizione" }).click();
  await expect(coord).toHaveURL(/\/edizione\/nuova$/);
  await expect(coord.getByLabel("Vuota")).toBeChecked();
  await coord.getByLabel("Titolo").fill(EDIZIONE.titolo);
  await coord.getByLabel("Anno iniziale").fill(EDIZIONE.annoInizio);
  await coord.getByLabel("Anno finale").fill(EDIZIONE.annoFine);
  await expect(coord.getByLabel("Indirizzo")).toHaveValue(EDIZIONE.slug);
  await coord.getByRole("button", { name: "Crea l'edizione" }).click();
  await expect(coord).toHaveURL(new RegExp(`/edizione/${EDIZIONE.slug}/struttura$`), { timeout: 20_000 });
  await expect(coord.getByText("L'edizione non ha ancora nessuna parte")).toBeVisible();

  await aggiungi(coord.locator("main"), "Aggiungi una parte", { titolo: PARTE });
  await aggiungi(coord.getByRole("region", { name: PARTE }), "Aggiungi un'area", { titolo: AREA });
  const area = coord.getByRole("region", { name: `Area 1 – ${AREA}` });
  await aggiungi(area, "Aggiungi un ambito", { titolo: AMBITI[0], obiettivo: "Assistenza domiciliare per chi vive solo", settore: SETTORE.nome });
  await aggiungi(area, "Aggiungi un ambito", { titolo: AMBITI[1], obiettivo: "Un posto al nido per chi lo chiede", settore: SETTORE.nome });
  await expect(area.getByRole("heading", { level: 5 })).toHaveText([...AMBITI]);

  // 5. Assignments: every section of the area to the settore, with a deadline.
  await coord.getByRole("link", { name: "Assegnazioni e scadenze" }).first().click();
  await expect(coord).toHaveURL(new RegExp(`/edizione/${EDIZIONE.slug}/assegnazioni$`));
  await scegli(coord, "Tutte le sezioni di un'area");
  await coord.getByLabel("Area", { exact: true }).selectOption({ label: `Area 1 – ${AREA}` });
  await expect(coord.getByText(`2 sezioni: ${AMBITI[0]}, ${AMBITI[1]}`)).toBeVisible();
  await coord.getByLabel("Nuovo settore").selectOption({ label: SETTORE.nome });
  await coord.getByLabel("Nuova scadenza").fill("2027-03-31");
  await coord.getByRole("button", { name: "Applica alle sezioni scelte" }).click();
  await expect(coord.getByText(`2 sezioni assegnate a ${SETTORE.nome} e con scadenza 31/03/2027.`)).toBeVisible();
  for (const a of AMBITI) await expect(coord.getByLabel(`Scadenza di «${a}»`)).toHaveValue("2027-03-31");

  // 6. The referente: the two sections on their home, a block in the first, submitted.
  const ref = await nuovaPagina(browser);
  await attivaEAccedi(ref, REFERENTE, "sei gatti neri sul davanzale");
  await expect(ref).toHaveURL(/\/settore$/);
  const sezioni = ref.getByRole("region", { name: new RegExp(EDIZIONE.titolo) });
  for (const a of AMBITI) await expect(sezioni.getByRole("link", { name: a })).toBeVisible();
  await expect(sezioni.getByText("31/03/2027").first()).toBeVisible();
  await controllaAccessibilita(ref);
  await sezioni.getByRole("link", { name: AMBITI[0] }).click();
  await expect(ref.getByRole("heading", { level: 1 })).toHaveText(AMBITI[0]);
  await ref.getByRole("link", { name: "Modifica", exact: true }).click();
  await expect(ref).toHaveURL(/\/sezioni\/\d+\/modifica$/);
  await expect(ref.getByText("La sezione non ha ancora blocchi")).toBeVisible();
  await ref.getByLabel("Tipo di blocco").selectOption({ label: "Indicatore" });
  await ref.getByRole("button", { name: "Aggiungi blocco" }).click();
  const blocco = ref.locator("article[data-blocco]").first();
  await blocco.getByLabel("Valore", { exact: true }).fill("214");
  await blocco.getByLabel("Unità di misura").fill("persone");
  // A year inside the edition: the data checks have nothing to say.
  await blocco.getByLabel("Che cosa misura").fill("assistite a domicilio nel 2024");
  await blocco.getByLabel("Anno o data di riferimento").fill("2024");
  await blocco.getByLabel("Fonte").fill("Servizi sociali comunali");
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/, { timeout: 15_000 });
  await ref.getByRole("button", { name: "Invia alla revisione" }).click();
  await expect(ref).toHaveURL(/\/sezioni\/\d+$/);
  await expect(ref.getByText("La sezione è in revisione presso il coordinamento")).toBeVisible();

  // 7. The coordinatore finds it in the review queue.
  await coord.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link", { name: "Da rivedere" }).click();
  await expect(coord).toHaveURL(/\/revisione$/);
  await coord.getByRole("link", { name: AMBITI[0] }).click();
  await expect(coord.getByRole("heading", { name: `Revisione: ${AMBITI[0]}` })).toBeVisible();
  await expect(coord.getByText("assistite a domicilio nel 2024").first()).toBeVisible();
});
