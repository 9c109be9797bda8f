import { createHash } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { accedi, blocchiDb, controllaAccessibilita, idSezione, ritoccaBloccoDb, statoSezione } from "./helpers";

// The published demo edition is shared by every test in this file: they run in
// order, citizens first, then the correction that publishes revision 2.
test.describe.configure({ mode: "serial" });

const SLUG = "2014-2016";
const ERRATA = `${SLUG}-revisione-2`;
const TITOLO_CULTURA = "La cultura e il turismo a Cremona";
const MOTIVO = "Corretto il numero di visitatori del Museo del Violino nel 2016";
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function pagina(browser: Browser, email?: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  if (email) await accedi(page, email);
  return page;
}

test("un cittadino, senza accesso, legge l'edizione pubblicata: dall'elenco all'indice, a un ambito, alla tabella di un grafico", async ({ page }) => {
  await page.goto("/edizioni");
  await controllaAccessibilita(page);
  await page.getByRole("link", { name: /Bilancio Sociale 2014.2016/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/edizioni/${SLUG}$`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("2014");
  await controllaAccessibilita(page);
  await page.getByRole("navigation", { name: "Indice" }).getByRole("link", { name: "Offerta culturale e turistica" }).click();
  await expect(page).toHaveURL(new RegExp(`/edizioni/${SLUG}/impegni/offerta-culturale-turistica$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Offerta culturale e turistica");
  // The chart is drawn on the server and its numbers are a table beside it.
  const tabella = page.getByRole("table", { name: "Dati del grafico: Partecipanti" });
  await expect(tabella.getByRole("row", { name: /2016/ })).toContainText("15.000");
  await expect(page.locator("figure svg").first()).toBeVisible();
  await controllaAccessibilita(page);
  // Phones get the same page, laid out for them.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(tabella).toBeVisible();
  await controllaAccessibilita(page);
});

test("la pagina di integrità mostra lo SHA-256 dei byte esatti di dati.json, chi ha firmato e quando", async ({ page, request }) => {
  // The PDF of the whole edition is printed by Chromium on first request.
  const dati = await request.get(`/edizioni/${SLUG}/dati.json`);
  expect(dati.headers()["content-type"]).toContain("application/json");
  const impronta = sha256(await dati.body());
  await page.goto(`/edizioni/${SLUG}/integrita`);
  await expect(page.getByTestId("sha256")).toHaveText(impronta);
  await expect(page.getByText("Rosita Viola").first()).toBeVisible();
  await expect(page.getByText(/sha256sum/).first()).toBeVisible();
  await controllaAccessibilita(page);
  // The other public files of the edition.
  const csv = await request.get(`/edizioni/${SLUG}/dati.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\n").length).toBeGreaterThan(500);
  const schema = await request.get(`/edizioni/${SLUG}/dati.schema.json`);
  expect((await schema.json()).type).toBe("object");
  const pdf = await request.get(`/edizioni/${SLUG}/bilancio-sociale.pdf`, { timeout: 120_000 });
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const bytePdf = await pdf.body();
  expect(bytePdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(bytePdf.length).toBeGreaterThan(100_000);
});

test("la correzione inviata alla firma: se il contenuto cambia dopo la lettura la firma è rifiutata; l'Assessore la rimanda con un motivo", async ({ browser }) => {
  const coord = await pagina(browser, "coordinatore@cremona.example");
  await coord.goto(`/edizione/${SLUG}`);
  await controllaAccessibilita(coord);
  await coord.getByText("Correggi un errore (errata)").click();
  await coord.getByLabel("Che cosa si corregge e perché (sarà pubblicato)").fill(MOTIVO);
  await coord.getByRole("button", { name: "Avvia la correzione" }).click();
  await expect(coord).toHaveURL(new RegExp(`/edizione/${ERRATA}$`), { timeout: 20_000 });
  await expect(coord.getByRole("heading", { level: 1 })).toContainText("correzione (revisione 2)");
  // Every section of the correction starts approved: it can go to signature at once.
  await coord.getByRole("button", { name: "Invia alla firma" }).click();
  await expect(coord.getByText("Stato: In firma")).toBeVisible();

  const ass = await pagina(browser, "assessore@cremona.example");
  await ass.goto(`/edizione/${ERRATA}`);
  await ass.getByRole("link", { name: "Leggi e firma" }).click();
  await expect(ass.getByRole("heading", { name: "Firma dell'edizione" })).toBeVisible({ timeout: 20_000 });
  await controllaAccessibilita(ass);
  // While the Assessore reads, a script changes a figure behind the app's back.
  const blocco = blocchiDb(idSezione("conosci-popolazione", ERRATA))[0];
  ritoccaBloccoDb(blocco.id, (p) => ({ ...p, fonte: "Fonte cambiata da uno script" }));
  await ass.getByLabel("La tua password, per firmare").fill(process.env.E2E_DEMO_PASSWORD!);
  await ass.getByRole("button", { name: "Firma l'edizione" }).click();
  await expect(ass.getByText("Il contenuto è cambiato dopo che l'hai aperto")).toBeVisible({ timeout: 30_000 });
  await ass.reload();
  await expect(ass.getByRole("heading", { name: "Firma dell'edizione" })).toBeVisible();

  await ass.getByLabel("Motivo per cui la rimandi").fill("Una fonte è cambiata: ricontrollate prima della firma");
  await ass.getByRole("button", { name: "Rimanda al coordinamento" }).click();
  await expect(ass.getByText("Stato: In preparazione")).toBeVisible({ timeout: 20_000 });
  await coord.reload();
  await expect(coord.getByText(/Rimandata al coordinamento da Rosita Viola .* Motivo: Una fonte è cambiata/)).toBeVisible();
  // The script's change is undone: the correction is made properly in the next test.
  ritoccaBloccoDb(blocco.id, () => blocco.payload as Record<string, unknown>);
});

test("dall'ultima approvazione alla pubblicazione: invio alla firma, password errata, firma, revisione 2 con errata; la revisione 1 resta leggibile", async ({ browser }) => {
  const codice = "conosci-cultura-turismo";
  const sectionId = idSezione(codice, ERRATA);
  const indicatore = blocchiDb(sectionId).find((b) => b.tipo === "indicatore")!;
  const coord = await pagina(browser, "coordinatore@cremona.example");
  const ref = await pagina(browser, "cultura@cremona.example");

  // The coordinator reopens the section to correct; the referente corrects and submits it.
  await coord.goto(`/revisione/${sectionId}`);
  await coord.getByLabel("Motivo della riapertura").fill(MOTIVO);
  await coord.getByRole("button", { name: "Riapri" }).click();
  await expect.poll(() => statoSezione(codice, ERRATA)).toBe("bozza");
  await ref.goto(`/sezioni/${sectionId}/modifica`);
  const card = ref.locator(`[data-blocco="${indicatore.id}"]`);
  await card.getByLabel("Valore", { exact: true }).fill("98.765");
  await expect(card.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/, { timeout: 10_000 });
  await ref.getByRole("button", { name: "Invia alla revisione" }).click();
  const conferma = ref.getByRole("button", { name: "Ho controllato: invia comunque" });
  await expect(ref.getByText("La sezione è in revisione presso il coordinamento").or(conferma)).toBeVisible();
  if (await conferma.isVisible()) await conferma.click();
  await expect.poll(() => statoSezione(codice, ERRATA)).toBe("inviata");

  // The last approval, then the coordinator freezes the text for signature.
  await coord.goto(`/revisione/${sectionId}`);
  await coord.getByRole("button", { name: "Approva" }).click();
  await expect.poll(() => statoSezione(codice, ERRATA)).toBe("approvata");
  await coord.goto(`/edizione/${ERRATA}`);
  await coord.getByRole("button", { name: "Invia alla firma" }).click();
  await expect(coord.getByText("Stato: In firma")).toBeVisible();
  const impronta = (await coord.getByTestId("impronta").first().textContent())!.trim();

  // The Assessore reads the frozen text; a wrong password signs nothing.
  const ass = await pagina(browser, "assessore@cremona.example");
  await ass.goto(`/edizione/${ERRATA}/anteprima`);
  await expect(ass.getByText("98.765").first()).toBeVisible();
  await ass.getByLabel("La tua password, per firmare").fill("non-e-la-mia-password");
  await ass.getByRole("button", { name: "Firma l'edizione" }).click();
  await expect(ass.getByText("Password non corretta: l'edizione non è stata firmata.")).toBeVisible();
  await expect(ass.getByLabel("La tua password, per firmare")).toHaveAttribute("aria-invalid", "true");
  await ass.getByLabel("La tua password, per firmare").fill(process.env.E2E_DEMO_PASSWORD!);
  await ass.getByRole("button", { name: "Firma l'edizione" }).click();
  await expect(ass.getByText("Stato: Firmata")).toBeVisible({ timeout: 20_000 });
  await expect(ass.getByText(`Firmata da Rosita Viola`)).toBeVisible();

  // The coordinator publishes: the public edition is now revision 2, with its errata.
  await coord.reload();
  await coord.getByRole("button", { name: "Pubblica la revisione 2" }).click();
  await expect(coord).toHaveURL(new RegExp(`/edizioni/${SLUG}$`), { timeout: 30_000 });
  // The coordinator is told it worked, on the public page itself; once: a reload no longer says it.
  const riuscita = coord.getByRole("alert").filter({ hasText: "Pubblicazione riuscita" });
  await expect(riuscita).toBeVisible();
  await expect(riuscita.getByRole("link", { name: "pagina dell'edizione" })).toHaveAttribute("href", `/edizione/${ERRATA}`);
  await coord.reload();
  await expect(coord.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(riuscita).toHaveCount(0);

  const cittadino = await pagina(browser);
  await cittadino.goto(`/edizioni/${SLUG}`);
  await expect(cittadino.getByText(MOTIVO)).toBeVisible();
  // Nobody else reads it: the public page is the same for everyone.
  await expect(cittadino.getByText("Pubblicazione riuscita")).toHaveCount(0);
  // What changed is computed from the two signed snapshots: exactly the corrected page.
  const errata = cittadino.getByRole("region", { name: "Errata" });
  await expect(errata.getByText(/Pagine cambiate:/)).toBeVisible();
  await expect(errata.getByRole("link", { name: TITOLO_CULTURA })).toHaveAttribute("href", `/edizioni/${SLUG}/identita/conosci-cultura-turismo`);
  const ultima = await cittadino.request.get(`/edizioni/${SLUG}/dati.json`);
  const byte = await ultima.body();
  expect(sha256(byte)).toBe(impronta);
  expect(JSON.parse(byte.toString("utf8")).edizione.revisione).toBe(2);
  expect(byte.toString("utf8")).toContain("98765");

  // Revision 1 stays readable at its own address, with its own hash.
  const prima = await cittadino.request.get(`/edizioni/${SLUG}/revisioni/1/dati.json`);
  expect(prima.ok()).toBe(true);
  const bytePrima = await prima.body();
  expect(sha256(bytePrima)).not.toBe(impronta);
  expect(bytePrima.toString("utf8")).not.toContain("98765");
  await cittadino.goto(`/edizioni/${SLUG}/revisioni/1`);
  await expect(cittadino.getByText(/sostituita dalla revisione 2/)).toBeVisible();
  await controllaAccessibilita(cittadino);
  await cittadino.goto(`/edizioni/${SLUG}/integrita`);
  await expect(cittadino.getByTestId("sha256")).toHaveText(impronta);
  await expect(cittadino.getByText(sha256(bytePrima))).toBeVisible();

  // The revision's files are made in the background: the coordinator watches them reach
  // "pronti" (the page refreshes itself), then the public pages are those files.
  await coord.goto(`/edizione/${ERRATA}`);
  const file = coord.getByTestId("file-sito");
  await expect(file).toContainText("File dell'edizione pubblicata (revisione 2)");
  await expect(file).toContainText("Pronti.", { timeout: 200_000 });
  await controllaAccessibilita(coord);
  expect(await (await cittadino.request.get(`/edizioni/${SLUG}/SHA256SUMS`)).text()).toContain(`${impronta}  dati.json`);
  const copertina = await cittadino.request.get(`/edizioni/${SLUG}`, { headers: { "Accept-Encoding": "br" } });
  expect(copertina.headers()["content-encoding"]).toBe("br");
  expect(await copertina.text()).not.toContain("<script");
  expect(await copertina.text()).toContain(MOTIVO);
});

test("il coordinamento prepara la prossima edizione: errori accanto ai campi, poi i valori pubblicati come base dei nuovi", async ({ browser }) => {
  const coord = await pagina(browser, "coordinatore@cremona.example");
  await coord.goto(`/edizione/${SLUG}`);
  await coord.getByText("Prepara la prossima edizione").click();
  await expect(coord.getByLabel("Indirizzo pubblico")).toHaveValue("2017-2018");
  await coord.getByLabel("Anno iniziale").fill("2015");
  await coord.getByRole("button", { name: "Crea la nuova edizione" }).click();
  await expect(coord.getByText(/deve iniziare dopo il 2016/)).toBeVisible();
  await expect(coord.getByLabel("Anno iniziale")).toHaveAttribute("aria-invalid", "true");
  await expect(coord.getByLabel("Titolo")).toHaveValue("Bilancio Sociale 2017–2018");
  await controllaAccessibilita(coord);
  await coord.getByLabel("Anno iniziale").fill("2017");
  await coord.getByRole("button", { name: "Crea la nuova edizione" }).click();
  await expect(coord).toHaveURL(/\/edizione\/2017-2018$/, { timeout: 20_000 });
  await expect(coord.getByText("Stato: In preparazione")).toBeVisible();

  // The latest published revision (2, with the corrected figure) is the baseline.
  const sectionId = idSezione("conosci-cultura-turismo", "2017-2018");
  const indicatore = blocchiDb(sectionId).find((b) => b.tipo === "indicatore")!;
  const ref = await pagina(browser, "cultura@cremona.example");
  await ref.goto(`/sezioni/${sectionId}/modifica`);
  const card = ref.locator(`[data-blocco="${indicatore.id}"]`);
  await expect(card.getByText(/Valore precedente \(Bilancio Sociale 2014–2016\)/)).toContainText("98.765");
  await card.getByLabel("Valore", { exact: true }).fill("108.642");
  await expect(card.getByText(/Variazione: \+10(,0)?% dal /)).toBeVisible();
  await expect(card.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/, { timeout: 10_000 });
  await ref.goto(`/sezioni/${sectionId}`);
  await expect(ref.getByText(/\+10(,0)?% dal .* · era 98\.765/).first()).toBeVisible();
});
