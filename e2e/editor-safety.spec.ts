import { expect, test } from "@playwright/test";
import { accedi, blocchiDb, bloccoDb, controllaAccessibilita, idAzione, idSezione } from "./helpers";

/** The first indicator of a section: its block in the DB and its editor card on the page. */
function primoIndicatore(codice: string) {
  const sectionId = idSezione(codice);
  const b = blocchiDb(sectionId).find((x) => x.tipo === "indicatore")!;
  return { sectionId, blockId: b.id, card: `[data-blocco="${b.id}"]` };
}

test("il referente modifica un indicatore: salvataggio automatico, numeri all'italiana, errore accanto al campo", async ({ page }) => {
  const { sectionId, blockId, card } = primoIndicatore("conosci-cultura-turismo");
  await accedi(page, "cultura@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  await controllaAccessibilita(page);
  const blocco = page.locator(card);
  const valore = blocco.getByLabel("Valore", { exact: true });
  await valore.fill("1.2.3");
  await expect(blocco.getByText(/virgola|punto/).first()).toBeVisible();
  await expect(valore).toHaveValue("1.2.3");
  await valore.fill("1.234,5");
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle \d\d:\d\d/);
  expect((bloccoDb(blockId).payload as { valore: number }).valore).toBe(1234.5);
  // An emptied required field is refused by the server with its Italian message, and the text stays.
  await blocco.getByLabel("Che cosa misura").fill("");
  await expect(blocco.getByText("Campo obbligatorio")).toBeVisible();
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText(/correggi/);
  await page.reload();
  await expect(page.locator(card).getByLabel("Valore", { exact: true })).toHaveValue("1.234,5");
});

test("due persone sullo stesso blocco: il secondo salvataggio mostra il conflitto, e nessuno perde nulla", async ({ browser }) => {
  const { sectionId, blockId, card } = primoIndicatore("offerta-culturale-turistica");
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await accedi(a, "cultura@cremona.example");
  await accedi(b, "coordinatore@cremona.example");
  await a.goto(`/sezioni/${sectionId}/modifica`);
  await b.goto(`/sezioni/${sectionId}/modifica`);

  await a.locator(card).getByLabel("Che cosa misura").fill("versione della referente");
  await expect(a.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato/);
  await b.locator(card).getByLabel("Che cosa misura").fill("versione del coordinatore");
  await expect(b.getByRole("heading", { name: "Un collega ha modificato questo blocco" })).toBeVisible();
  await expect(b.getByText("versione della referente")).toBeVisible();
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("versione della referente");

  await b.getByRole("button", { name: "Tieni la mia versione" }).click();
  await expect(b.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato/);
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("versione del coordinatore");
  await ctxA.close();
  await ctxB.close();
});

test("se la sessione scade mentre scrive, il testo resta nel browser e torna dopo il nuovo accesso", async ({ page, context }) => {
  const { sectionId, blockId, card } = primoIndicatore("rilancio-istituzioni-culturali");
  await accedi(page, "cultura@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  await context.clearCookies();
  await page.locator(card).getByLabel("Che cosa misura").fill("scritto a sessione scaduta");
  await expect(page.locator(card).getByRole("link", { name: "Accedi di nuovo" })).toBeVisible();
  await expect(page.locator(card).getByTestId("stato-salvataggio")).toHaveText(/sessione è scaduta/);
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).not.toBe("scritto a sessione scaduta");

  await page.locator(card).getByRole("link", { name: "Accedi di nuovo" }).click();
  await page.getByLabel("Email").fill("cultura@cremona.example");
  await page.getByLabel("Password").fill(process.env.E2E_DEMO_PASSWORD!);
  await page.getByRole("button", { name: "Accedi" }).click();
  await expect(page).toHaveURL(new RegExp(`/sezioni/${sectionId}/modifica$`));
  await expect(page.locator(card).getByText("Sono state ripristinate le modifiche non salvate")).toBeVisible();
  await expect(page.locator(card).getByLabel("Che cosa misura")).toHaveValue("scritto a sessione scaduta");
  await expect(page.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato/);
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("scritto a sessione scaduta");
});

test("una richiesta contraffatta di un referente su un altro settore è respinta e non cambia nulla", async ({ page }) => {
  const bersaglio = primoIndicatore("conosci-istruzione");
  const prima = bloccoDb(bersaglio.blockId);
  await accedi(page, "cultura@cremona.example");
  // The editor page of another settore is refused…
  const r = await page.goto(`/sezioni/${bersaglio.sectionId}/modifica`);
  expect(r?.status()).toBe(403);
  // …and so is a hand-made call to the save action, with a valid session and a valid payload.
  const risposta = await page.request.post(`/sezioni/${idSezione("rilancio-istituzioni-culturali")}/modifica`, {
    headers: { "Next-Action": idAzione("salvaBloccoAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
    data: JSON.stringify([{ blockId: bersaglio.blockId, version: prima.version, dati: { ...(prima.payload as object), valore: 1 } }]),
  });
  expect(await risposta.text()).toContain("La sezione appartiene a un altro settore.");
  expect(bloccoDb(bersaglio.blockId)).toEqual(prima);
});

test("importare un CSV con righe sbagliate mostra ogni errore e non scrive nulla finché non si scartano", async ({ page }) => {
  const sectionId = idSezione("conosci-cultura-turismo");
  const prima = blocchiDb(sectionId).length;
  await accedi(page, "cultura@cremona.example");
  await page.goto(`/sezioni/${sectionId}/importa`);
  await page.getByLabel("File CSV o Excel (.xlsx)").setInputFiles("e2e/fixtures-indicatori.csv");
  await page.getByRole("button", { name: "Mostra anteprima" }).click();
  const errori = page.getByRole("table", { name: "Errori nel file" });
  await expect(errori.getByRole("row")).toHaveCount(3);
  await expect(errori.getByRole("row").nth(1)).toContainText("4");
  await expect(errori.getByRole("row").nth(1)).toContainText("valore");
  await expect(errori.getByRole("row").nth(2)).toContainText("5");
  await expect(page.getByText("71.924")).toBeVisible();
  await expect(page.getByRole("button", { name: "Importa 3 blocchi" })).toBeDisabled();
  expect(blocchiDb(sectionId).length).toBe(prima);
  await controllaAccessibilita(page);

  await page.locator("label[for=scarta]").click();
  await expect(page.getByLabel("Scarta le righe con errori e importa solo quelle valide")).toBeChecked();
  await page.getByRole("button", { name: "Importa 3 blocchi" }).click();
  await expect(page.getByText("Importati 3 blocchi")).toBeVisible();
  expect(blocchiDb(sectionId).length).toBe(prima + 3);
});

test("senza connessione il salvataggio lo dice, tiene il testo e salva appena la rete torna", async ({ page, context }) => {
  // A section no other test reads: tests run in parallel on one database.
  const { sectionId, blockId, card } = primoIndicatore("conosci-territorio");
  await accedi(page, "coordinatore@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  await context.setOffline(true);
  await page.locator(card).getByLabel("Che cosa misura").fill("scritto senza rete");
  await expect(page.locator(card).getByTestId("stato-salvataggio")).toHaveText(/connessione assente/);
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).not.toBe("scritto senza rete");
  await context.setOffline(false);
  await expect(page.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/, { timeout: 15_000 });
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("scritto senza rete");
});
