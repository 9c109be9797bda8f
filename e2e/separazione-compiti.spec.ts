/**
 * Nobody signs in the Assessore's place (issue 20). First the escalation the second
 * security review walked: the amministratore gives themselves coordinatore, assessore
 * and referente roles and takes the Assessore's name, through the UI and through forged
 * server actions; it is refused at its first step and nothing changes. Then the right
 * way: an erratum signed by an Assessore that an amministratore appointed; renaming that
 * Assessore afterwards leaves the integrity page as it was signed. Last, one's own email,
 * which changes from the profile only, confirmed by the new address.
 * Each journey uses its own people and edition: the demo accounts and editions other
 * specs rely on stay as they are (the demo amministratore only tries, and fails).
 */
import { readFileSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { auditLog, roleMemberships, settori, signatures, storicoRuoli, users } from "../db/schema";
import { accedi, azioneContraffatta, controllaAccessibilita, creaUtente, postaPer, leggiDb } from "./helpers";
import { ultimoLink } from "./posta";

const unico = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const ADMIN = "amministratore@cremona.example";


async function pagina(browser: Browser, email?: string, password?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (email) await accedi(page, email, password);
  return page;
}

/** What an escalation would change: the amministratore's roles, name and email, their role history and role audit rows. */
function statoAmministratore(id: number) {
  return leggiDb((d) => ({
    utente: d.select({ nome: users.nome, email: users.email }).from(users).where(eq(users.id, id)).get(),
    ruoli: d.select({ ruolo: roleMemberships.ruolo, settoreId: roleMemberships.settoreId }).from(roleMemberships).where(eq(roleMemberships.userId, id)).all(),
    storico: d.select({ id: storicoRuoli.id }).from(storicoRuoli).where(eq(storicoRuoli.userId, id)).all().length,
    audit: d
      .select({ dettagli: auditLog.dettagli })
      .from(auditLog)
      .where(eq(auditLog.userId, id))
      .all()
      .filter((a) => (a.dettagli as { utenteId?: number } | null)?.utenteId === id).length,
  }));
}

test("l'amministratore non diventa coordinatore, assessore o referente, né prende il nome dell'Assessore: rifiutato al primo passo, dall'interfaccia e con azioni contraffatte", async ({ page }) => {
  const io = leggiDb((d) => d.select().from(users).where(eq(users.email, ADMIN)).get())!;
  const mioRuolo = leggiDb((d) => d.select().from(roleMemberships).where(eq(roleMemberships.userId, io.id)).get())!;
  const cultura = leggiDb((d) => d.select().from(settori).where(eq(settori.codice, "cultura")).get())!;
  const assessore = leggiDb((d) => d.select().from(users).where(eq(users.email, "assessore@cremona.example")).get())!;
  const prima = statoAmministratore(io.id);
  expect(prima.ruoli).toEqual([{ ruolo: "amministratore", settoreId: null }]);

  // Through the UI: their own page offers no way to change their roles, name or email, and says why.
  await accedi(page, ADMIN);
  await page.goto(`/amministrazione/utenti/${io.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(io.nome);
  await expect(page.getByRole("note")).toContainText("È il tuo account: nome, email e ruoli te li cambia un altro amministratore");
  await expect(page.getByRole("heading", { name: "Aggiungi un ruolo" })).toHaveCount(0);
  await expect(page.getByLabel("Ruolo", { exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Nome e cognome")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Togli il ruolo/ })).toHaveCount(0);
  await expect(page.getByRole("table", { name: /Storico dei ruoli/ })).toBeVisible();
  await controllaAccessibilita(page);
  // Another person's page still has them (the amministratore manages everybody else).
  await page.goto(`/amministrazione/utenti/${assessore.id}`);
  await expect(page.getByRole("heading", { name: "Aggiungi un ruolo" })).toBeVisible();

  // Forged, with the amministratore's own valid session, as the review did.
  for (const [ruolo, settoreId] of [["coordinatore", ""], ["assessore", ""], ["referente", String(cultura.id)]] as const) {
    const r = await azioneContraffatta(page, "/amministrazione", "aggiungiRuoloAction", { userId: io.id, ruolo, ...(settoreId ? { settoreId } : {}) }, true);
    expect(await r.text(), ruolo).toContain("Non puoi assegnare o togliere ruoli al tuo account: chiedilo a un altro amministratore.");
  }
  const rinomina = await azioneContraffatta(page, "/amministrazione", "modificaUtenteAction", { userId: io.id, nome: assessore.nome, email: io.email }, true);
  expect(await rinomina.text()).toContain("Non puoi cambiare il tuo nome o la tua email da qui");
  const indirizzo = await azioneContraffatta(page, "/amministrazione", "modificaUtenteAction", { userId: io.id, nome: io.nome, email: "mio.nuovo@altrove.example" }, true);
  expect(await indirizzo.text()).toContain("Non puoi cambiare il tuo nome o la tua email da qui");
  const togli = await azioneContraffatta(page, "/amministrazione", "rimuoviRuoloAction", { membershipId: mioRuolo.id });
  expect(await togli.text()).toContain("Non puoi assegnare o togliere ruoli al tuo account");

  // Nothing changed: roles, name, email, the role history, the audit log's role rows about them.
  expect(statoAmministratore(io.id)).toEqual(prima);
});

test("un'errata firmata come si deve, da un'Assessore nominata dall'amministratore; rinominata dopo, la pagina di integrità mostra il nome della firma", async ({ browser }) => {
  const u = unico();
  const slug = `separazione-${u}`;
  const errata = `${slug}-revisione-2`;
  const titolo = `Separazione dei compiti ${u}`;
  const emailAss = `assessora-${u}@cremona.example`;
  const passwordAss = "una frase per la firma di Cremona";

  // The amministratore appoints a new Assessore from the screens (the invitation, then her password).
  const scheda = await creaUtente(browser, emailAss, passwordAss, "assessore");
  const nomeAllaFirma = "Prova assessore";

  // The coordinatore makes a small edition from a package, every page already approved (the demo's first part).
  const demo = JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));
  const parte = { ...demo.parti[0], sezioni: demo.parti[0].sezioni.map((s: object) => ({ ...s, stato: "approvata" })) };
  const pacchetto = { ...demo, edizione: { ...demo.edizione, slug, titolo, annoInizio: 1990, annoFine: 1991 }, parti: [parte] };
  const coord = await pagina(browser, "coordinatore@cremona.example");
  await coord.goto("/edizione/nuova");
  await coord.locator("label.form-check-label", { hasText: "Da un pacchetto" }).click();
  await coord.getByLabel("File del pacchetto (.json)").setInputFiles({ name: `${slug}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pacchetto)) });
  await expect(coord.getByLabel("Titolo")).toHaveValue(titolo);
  await coord.getByRole("button", { name: "Crea l'edizione" }).click();
  await expect(coord).toHaveURL(new RegExp(`/edizione/${slug}/struttura$`), { timeout: 20_000 });

  const ass = await pagina(browser, emailAss, passwordAss);
  /** Coordinatore sends for signature, the new Assessore signs with her password, the coordinatore publishes. */
  async function firmaEPubblica(edizione: string, pubblica: string) {
    await coord.goto(`/edizione/${edizione}`);
    await coord.getByRole("button", { name: "Invia alla firma" }).click();
    await expect(coord.getByText("Stato: In firma")).toBeVisible();
    await ass.goto(`/edizione/${edizione}`);
    await ass.getByRole("link", { name: "Leggi e firma" }).click();
    await expect(ass.getByRole("heading", { name: "Firma dell'edizione" })).toBeVisible({ timeout: 20_000 });
    await ass.getByLabel("La tua password, per firmare").fill(passwordAss);
    await ass.getByRole("button", { name: "Firma l'edizione" }).click();
    await expect(ass.getByText("Stato: Firmata")).toBeVisible({ timeout: 30_000 });
    await expect(ass.getByText(`Firmata da ${nomeAllaFirma}`)).toBeVisible();
    await coord.reload();
    await coord.getByRole("button", { name: pubblica }).click();
    await expect(coord).toHaveURL(new RegExp(`/edizioni/${slug}$`), { timeout: 30_000 });
  }
  await firmaEPubblica(slug, "Pubblica l'edizione");

  // The erratum, the usual way (publication.spec.ts drives the same steps on the demo).
  await coord.goto(`/edizione/${slug}`);
  await coord.getByText("Correggi un errore (errata)").click();
  await coord.getByLabel("Che cosa si corregge e perché (sarà pubblicato)").fill("Rifirmata dall'Assessore nominata dall'amministratore");
  await coord.getByRole("button", { name: "Avvia la correzione" }).click();
  await expect(coord).toHaveURL(new RegExp(`/edizione/${errata}$`), { timeout: 20_000 });
  await firmaEPubblica(errata, "Pubblica la revisione 2");

  // The signature records her as she was, her grant and who made it.
  const firma = leggiDb((d) =>
    d.select().from(signatures).where(eq(signatures.userId, d.select({ id: users.id }).from(users).where(eq(users.email, emailAss)).get()!.id)).all(),
  ).at(-1)!;
  expect(firma).toMatchObject({ revisione: 2, firmatario: nomeAllaFirma, firmatarioEmail: emailAss, concessoDaNome: "Paolo Ferrari" });

  // The amministratore renames her afterwards, from her page.
  const admin = await pagina(browser, ADMIN);
  await admin.goto(scheda);
  await admin.getByLabel("Nome e cognome").fill(`Nome Cambiato ${u}`);
  await admin.getByRole("button", { name: "Salva" }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Nome Cambiato ${u}`);
  // Her role history says who appointed her.
  await expect(admin.getByRole("table", { name: /Storico dei ruoli/ }).getByRole("row").filter({ hasText: "Assessore" })).toContainText("Paolo Ferrari");

  // The integrity page still shows the name she signed with, and who appointed her.
  const cittadino = await pagina(browser);
  await cittadino.goto(`/edizioni/${slug}/integrita`);
  await expect(cittadino.getByText(/revisione 2/).first()).toBeVisible();
  await expect(cittadino.getByTestId("firmatario")).toHaveText(nomeAllaFirma);
  await expect(cittadino.getByTestId("concessione")).toContainText("assegnato da Paolo Ferrari");
  await expect(cittadino.getByText(`Nome Cambiato ${u}`)).toHaveCount(0);
  await controllaAccessibilita(cittadino);
});

test("la propria email si cambia dal profilo: un collegamento al nuovo indirizzo, un avviso al vecchio; cambia solo alla conferma, e le sessioni si chiudono", async ({ page, browser }) => {
  const u = unico();
  const email = `mia-${u}@cremona.example`;
  const nuova = `nuova-${u}@cremona.example`;
  const password = "una frase per il nuovo indirizzo";
  await creaUtente(browser, email, password, "lettore");
  await accedi(page, email, password);
  await page.goto("/profilo");
  await page.getByLabel("Nuovo indirizzo email").fill(nuova);
  await page.getByLabel("La tua password, per confermare").fill("non è la mia password");
  await page.getByRole("button", { name: "Cambia l'email" }).click();
  await expect(page.locator("#password-email-errore")).toHaveText("La password non è corretta.");
  await expect(page.getByLabel("Nuovo indirizzo email")).toHaveValue(nuova);
  await controllaAccessibilita(page);

  await page.getByLabel("La tua password, per confermare").fill(password);
  await page.getByRole("button", { name: "Cambia l'email" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Ti abbiamo scritto a n***@c***.example" })).toBeVisible();
  // The old address is told at once; nothing has changed yet.
  expect(postaPer(email)).toContain("[Bilancio Sociale] Richiesta di cambiare l'email del tuo account");
  expect(leggiDb((d) => d.select().from(users).where(eq(users.email, email)).get())).toBeDefined();

  // The link in the mail to the new address: opening it changes nothing, the button does.
  await expect.poll(() => ultimoLink(nuova, "conferma-email"), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
  const altrove = await pagina(browser);
  await altrove.goto(ultimoLink(nuova, "conferma-email")!);
  await expect(altrove.getByRole("heading", { level: 1 })).toHaveText("Conferma il nuovo indirizzo email");
  await controllaAccessibilita(altrove);
  expect(leggiDb((d) => d.select().from(users).where(eq(users.email, email)).get())).toBeDefined();
  await altrove.getByRole("button", { name: "Conferma il nuovo indirizzo" }).click();
  await expect(altrove).toHaveURL(/\/login\?esito=email-cambiata$/);
  await expect(altrove.getByText("Indirizzo email confermato")).toBeVisible();

  // The session opened with the old address is over; the new address signs in, the old one no more.
  await page.goto("/profilo");
  await expect(page).toHaveURL(/\/login/);
  await accedi(page, nuova, password);
  await page.goto("/profilo");
  await expect(page.getByText(nuova)).toBeVisible();
});
