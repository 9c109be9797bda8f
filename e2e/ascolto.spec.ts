import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { openDatabase } from "../db/open";
import { editions, valutazioni } from "../db/schema";
import { EDIZIONE_PUBBLICATA } from "../db/demo/edizioni";
import { DOMANDA_ASCOLTO } from "../lib/ascolto/domande";
import { accedi, controllaAccessibilita, idSezione } from "./helpers";

// One journey in order: the citizen's rating is what the coordinator then handles and the
// referente reads; the burst comes last. Pages and ambiti of its own, which no other spec
// rates and the demo leaves without ratings where counts matter.
test.describe.configure({ mode: "serial" });

const SLUG = EDIZIONE_PUBBLICATA;
const AMBITO = "po-e-territorio";
const PAGINA_AMBITO = `/edizioni/${SLUG}/impegni/${AMBITO}`;
const PAGINA_RAFFICA = "organizzazione/organigramma";
const NOTA = "Nella prossima edizione una mappa dei tratti di argine sistemati, anno per anno.";
const COMMENTO = `Non si capisce quanti chilometri di argine sono stati sistemati (prova ${Date.now().toString(36)})`;
/** The minimum fill time the server asks (lib/ascolto/modulo.ts), with a margin. */
const TEMPO_MINIMO_MS = 3_500;

/** Ratings stored for one page of the published demo edition, straight from the database. */
function valutazioniDi(percorso: string) {
  const d = openDatabase("data/e2e.sqlite");
  try {
    const ed = d.select({ id: editions.id }).from(editions).where(eq(editions.slug, SLUG)).get()!;
    return d.select().from(valutazioni).where(and(eq(valutazioni.editionId, ed.id), eq(valutazioni.percorso, percorso))).all();
  } finally {
    d.$client.close();
  }
}

/** A radio or checkbox drawn by Bootstrap Italia on its label: a person clicks the label. */
async function scegli(page: Page, ruolo: "radio" | "checkbox", nome: string) {
  await page.locator("label").filter({ hasText: new RegExp(`^\\s*${nome}\\s*$`) }).click();
  await expect(page.getByRole(ruolo, { name: nome })).toBeChecked();
}

/** The form's token says when the page was made: wait until the server will not find it too fast. */
async function attendiTempoMinimo(page: Page) {
  const gettone = await page.locator('input[name="gettone"]').inputValue();
  const fatto = Number(gettone.split(".")[0]);
  await expect.poll(() => Date.now() - fatto, { timeout: 20_000 }).toBeGreaterThan(TEMPO_MINIMO_MS);
}

test("un cittadino valuta un ambito con 2 stelle, sceglie che cosa non era chiaro e lascia un commento, senza JavaScript", async ({ browser, page: conScript }) => {
  // Public pages are served without scripts: the widget must work as plain HTML and CSS.
  const contesto = await browser.newContext({ javaScriptEnabled: false });
  const page = await contesto.newPage();
  await page.goto(PAGINA_AMBITO);
  const stelle = page.getByRole("group", { name: DOMANDA_ASCOLTO });
  await expect(stelle).toBeVisible();
  // Until a star is chosen, the follow-up stays out of the way.
  await expect(page.getByRole("group", { name: "Che cosa non era chiaro?" })).toBeHidden();

  await stelle.getByRole("radio", { name: "2 stelle su 5: poco chiare" }).check();
  await expect(page.getByRole("group", { name: "Che cosa non era chiaro?" })).toBeVisible();
  await expect(page.getByRole("group", { name: "Che cosa era chiaro?" })).toBeHidden();
  await scegli(page, "radio", "I numeri e i grafici non erano chiari");
  await page.getByLabel("Vuoi aggiungere un commento?").fill(COMMENTO);
  // The email field appears only for who asks to be contacted.
  await expect(page.getByLabel("La tua email")).toBeHidden();
  await scegli(page, "checkbox", "Vorrei essere ricontattato");
  await page.getByLabel("La tua email").fill("non-una-email");
  await attendiTempoMinimo(page);
  await page.getByRole("button", { name: "Invia la valutazione" }).click();

  // Refused for the email: the form comes back with the error beside its field and what was typed.
  await expect(page).toHaveURL(new RegExp(`/edizioni/${SLUG}/valutazione\\?errore=non_valido`));
  await expect(page.getByRole("alert")).toContainText("indirizzo email valido");
  const email = page.getByLabel("La tua email");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#ascolto-email-errore")).toContainText("indirizzo email valido");
  await expect(page.getByLabel("Vuoi aggiungere un commento?")).toHaveValue(COMMENTO);
  await expect(page.getByRole("radio", { name: "2 stelle su 5: poco chiare" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "I numeri e i grafici non erano chiari" })).toBeChecked();
  const paginaErrore = page.url();
  expect(valutazioniDi(`impegni/${AMBITO}`).filter((v) => v.commento === COMMENTO)).toEqual([]);

  await email.fill("cittadino@esempio.it");
  await attendiTempoMinimo(page);
  await page.getByRole("button", { name: "Invia la valutazione" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Grazie per la tua valutazione");
  // No cookie: nothing to consent to.
  expect(await contesto.cookies()).toEqual([]);
  await page.getByRole("link", { name: "Torna alla pagina «Po e territorio»" }).click();
  await expect(page).toHaveURL(new RegExp(`${PAGINA_AMBITO}$`));

  const [v] = valutazioniDi(`impegni/${AMBITO}`).filter((x) => x.commento === COMMENTO);
  expect(v).toMatchObject({ voto: 2, motivo: "numeri-poco-chiari", ambito: AMBITO, email: "cittadino@esempio.it", stato: "nuovo" });
  await contesto.close();

  // axe-core runs as a script: the widget is checked in an ordinary browser, as chosen and as refused.
  await conScript.goto(PAGINA_AMBITO);
  await controllaAccessibilita(conScript);
  await conScript.getByRole("radio", { name: "2 stelle su 5: poco chiare" }).check();
  await scegli(conScript, "checkbox", "Vorrei essere ricontattato");
  await expect(conScript.getByLabel("La tua email")).toBeVisible();
  await controllaAccessibilita(conScript);
  await conScript.goto(paginaErrore);
  await expect(conScript.getByLabel("La tua email")).toHaveAttribute("aria-invalid", "true");
  await controllaAccessibilita(conScript);
});

test("il coordinamento legge il commento in /ascolto, con grafici e tabelle, e lo segna come gestito: l'email è cancellata", async ({ page }) => {
  await accedi(page, "coordinatore@cremona.example");
  await page.getByRole("navigation", { name: "Navigazione principale" }).getByRole("link", { name: "Ascolto dei cittadini" }).click();
  await expect(page).toHaveURL(/\/ascolto$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ascolto dei cittadini");
  // The demo's ratings are there, per ambito, as a chart with its table.
  await expect(page.getByRole("table", { name: "Media delle stelle e valutazioni per ambito" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Dati del grafico: Valutazioni per settimana/ })).toBeVisible();
  await controllaAccessibilita(page);

  await page.getByLabel("Ambito", { exact: true }).selectOption({ label: "Po e territorio" });
  await page.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(/ambito=po-e-territorio/);
  const riga = page.getByRole("table", { name: "Media delle stelle e valutazioni per ambito" }).getByRole("row", { name: /Po e territorio/ });
  await expect(riga.getByRole("cell").nth(0)).toHaveText("1");
  await expect(riga.getByRole("cell").nth(1)).toHaveText("2,0");

  const scheda = page.getByRole("article").filter({ hasText: COMMENTO });
  await expect(scheda).toContainText("2 stelle su 5: poco chiare");
  await expect(scheda).toContainText("I numeri e i grafici non erano chiari");
  await expect(scheda.getByRole("link", { name: "cittadino@esempio.it" })).toBeVisible();
  // A note is needed: the error is said beside its field.
  await scheda.getByRole("button", { name: "Segna come gestito" }).click();
  const nota = scheda.getByLabel(/Nota del coordinamento/);
  await expect(nota).toHaveAttribute("aria-invalid", "true");
  await expect(scheda.getByRole("alert")).toContainText("Scrivi una nota");
  await nota.fill(NOTA);
  await scheda.getByRole("button", { name: "Segna come gestito" }).click();
  await expect(scheda).toContainText("Gestito da");
  await expect(scheda.getByRole("link", { name: "cittadino@esempio.it" })).toHaveCount(0);
  await expect(scheda.getByRole("button", { name: "Aggiorna la nota" })).toBeVisible();
  await controllaAccessibilita(page);
  const [v] = valutazioniDi(`impegni/${AMBITO}`).filter((x) => x.commento === COMMENTO);
  expect(v).toMatchObject({ stato: "gestito", nota: NOTA, email: null });

  // The export has the comment, never the email.
  const csv = await (await page.request.get(`/ascolto/export.csv?edizione=${SLUG}&ambito=${AMBITO}`)).text();
  expect(csv).toContain(COMMENTO);
  expect(csv).not.toContain("cittadino@esempio.it");
});

test("le valutazioni per ambito si pubblicano come dati aperti: solo i conteggi, mai commenti né email", async ({ page, request }) => {
  await accedi(page, "coordinatore@cremona.example");
  await page.goto(`/ascolto?edizione=${SLUG}`);
  await page.getByRole("button", { name: "Pubblica le valutazioni come dati aperti" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Pubblicate" })).toBeVisible();
  const r = await request.get(`/edizioni/${SLUG}/valutazioni.csv`);
  expect(r.status()).toBe(200);
  expect(r.headers()["content-type"]).toContain("text/csv");
  const csv = await r.text();
  expect(csv).toContain(`,${AMBITO},Po e territorio,1,2,0,1,0,0,0\r\n`);
  expect(csv).not.toContain("argine");
  expect(csv).not.toContain("@");
  // The coordinator's page says when and where.
  await expect(page.getByText(/Ultima pubblicazione:/)).toBeVisible();
  await expect(page.getByRole("link", { name: "valutazioni.csv" })).toHaveAttribute("href", `/edizioni/${SLUG}/valutazioni.csv`);
});

test("il referente dello stesso ambito, nella prossima edizione, legge che cosa hanno detto i cittadini e la nota", async ({ page }) => {
  await accedi(page, "territorio@cremona.example");
  await page.goto(`/sezioni/${idSezione(AMBITO)}/modifica`);
  const voce = page.getByRole("region", { name: "Cosa hanno detto i cittadini" });
  await expect(voce).toContainText("1 valutazione");
  await expect(voce).toContainText("2,0 stelle su 5");
  await expect(voce).toContainText(COMMENTO);
  await expect(voce).toContainText(NOTA);
  await expect(voce).not.toContainText("cittadino@esempio.it");
  await controllaAccessibilita(page);
});

/** Posts the widget's form straight to the route, as a browser would, without following the redirect. */
async function invia(request: APIRequestContext, base: string, campi: Record<string, string>): Promise<string> {
  const r = await request.post(`${base}/api/ascolto`, { form: campi, maxRedirects: 0 });
  expect(r.status()).toBe(303);
  return r.headers()["location"] ?? "";
}

test("una raffica di 50 invii dallo stesso indirizzo è respinta oltre il limite, e nulla di ciò che è stato accolto si perde", async ({ page, playwright, baseURL }) => {
  await page.goto(`/edizioni/${SLUG}/${PAGINA_RAFFICA}`);
  const campo = (nome: string) => page.locator(`input[name="${nome}"]`).first().inputValue();
  const base = { edizione: await campo("edizione"), revisione: await campo("revisione"), pagina: await campo("pagina"), gettone: await campo("gettone") };
  expect(base.pagina).toBe(PAGINA_RAFFICA);
  await attendiTempoMinimo(page);

  // The burst comes from its own address when the server also listens on IPv6 loopback, so the
  // other tests' address (127.0.0.1) keeps its own count; otherwise from the usual one.
  const porta = new URL(baseURL!).port;
  const ipv6 = `http://[::1]:${porta}`;
  const request = await playwright.request.newContext();
  const suIpv6 = await request.get(`${ipv6}/login`).then((r) => r.ok(), () => false);
  const origine = suIpv6 ? ipv6 : baseURL!;
  const prima = valutazioniDi(PAGINA_RAFFICA).length;

  const esiti: string[] = [];
  for (let i = 0; i < 50; i++) esiti.push(await invia(request, origine, { ...base, voto: String((i % 5) + 1) }));
  const accolti = esiti.filter((l) => l.includes("esito=grazie")).length;
  const respinti = esiti.filter((l) => l.includes("errore=troppi_invii")).length;
  expect(accolti + respinti).toBe(50);
  expect(accolti).toBeGreaterThan(0);
  expect(accolti).toBeLessThanOrEqual(20);
  // First the accepted ones, then only refusals.
  expect(esiti.slice(0, accolti).every((l) => l.includes("esito=grazie"))).toBe(true);
  // Every accepted rating is stored, none of the refused ones.
  expect(valutazioniDi(PAGINA_RAFFICA).length - prima).toBe(accolti);

  // The refusal is said in Italian on the page the browser is sent to.
  await page.goto(esiti.at(-1)!);
  await expect(page.getByRole("alert").filter({ hasText: "troppe valutazioni" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "5 stelle su 5: molto chiare" })).toBeChecked();

  // The citizen's earlier comment is still there, and another client is not affected.
  expect(valutazioniDi(`impegni/${AMBITO}`).some((v) => v.commento === COMMENTO)).toBe(true);
  if (suIpv6) expect(await invia(page.request, baseURL!, { ...base, voto: "4" })).toContain("esito=grazie");
  await request.dispose();
});
