import { expect, test, type Page } from "@playwright/test";
import { desc, eq } from "drizzle-orm";
import { revisions } from "../db/schema";
import { accedi, blocchiDb, bloccoDb, controllaAccessibilita, idSezione, leggiDb, statoSezione } from "./helpers";

/**
 * Issue: "Invia alla revisione" sent the section without what the referente had just typed.
 * Every test here types and clicks at once, on a network slowed to a crawl, so the click
 * always lands while the block's save is still pending: the step must wait for it, or refuse.
 */

/** A slow link (1.5 s each way), as from a Comune's congested office network. */
async function reteLenta(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 1500, downloadThroughput: 64 * 1024, uploadThroughput: 32 * 1024 });
}

/** The first block of a kind in a section of the working edition, and its card on the page. */
function primo(codice: string, tipo: string) {
  const sectionId = idSezione(codice);
  const b = blocchiDb(sectionId).find((x) => x.tipo === tipo)!;
  return { sectionId, blockId: b.id, card: `[data-blocco="${b.id}"]` };
}

/** Sends for review (confirming the warnings, if the checks list any) and waits until the section is sent. */
async function inviaSubito(page: Page, codice: string) {
  await page.getByRole("button", { name: "Invia alla revisione" }).click();
  const conferma = page.getByRole("button", { name: "Ho controllato: invia comunque" });
  await expect(async () => {
    if (await conferma.isVisible()) await conferma.click({ timeout: 2_000 }).catch(() => undefined);
    expect(statoSezione(codice)).toBe("inviata");
  }).toPass({ timeout: 120_000 });
}

/** The section's latest revision: why it was made and what it holds, as JSON text. */
function ultimaRevisione(sectionId: number): { motivo: string; contenuto: string } {
  const r = leggiDb((d) => d.select({ motivo: revisions.motivo, contenuto: revisions.contenuto }).from(revisions).where(eq(revisions.sectionId, sectionId)).orderBy(desc(revisions.numero)).get()!);
  return { motivo: r.motivo, contenuto: JSON.stringify(r.contenuto) };
}

const casi: { tipo: string; codice: string; referente: string; scrivi: (page: Page, card: string) => Promise<void>; atteso: RegExp }[] = [
  {
    tipo: "testo",
    codice: "smart-city",
    referente: "ict@cremona.example",
    scrivi: async (page, card) => {
      const testo = page.locator(`${card} [contenteditable="true"]`).first();
      await testo.click();
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      await page.keyboard.type("Paragrafo scritto un attimo prima dell'invio.");
    },
    atteso: /Paragrafo scritto un attimo prima dell'invio\./,
  },
  {
    tipo: "indicatore",
    codice: "sport",
    referente: "welfare@cremona.example",
    scrivi: (page, card) => page.locator(card).getByLabel("Che cosa misura").fill("impianti sportivi comunali scritti all'ultimo"),
    atteso: /impianti sportivi comunali scritti all'ultimo/,
  },
  {
    tipo: "serie",
    codice: "organigramma",
    referente: "bilancio-personale@cremona.example",
    scrivi: (page, card) => page.locator(card).getByLabel("Titolo del grafico").fill("Dipendenti per anno, titolo scritto all'ultimo"),
    atteso: /Dipendenti per anno, titolo scritto all'ultimo/,
  },
  {
    tipo: "tabella",
    codice: "cremona-in-rete",
    referente: "comunicazione@cremona.example",
    scrivi: (page, card) => page.locator(card).getByLabel("Riga 1, colonna", { exact: false }).first().fill("Cella scritta all'ultimo"),
    atteso: /Cella scritta all'ultimo/,
  },
  {
    tipo: "scheda",
    codice: "politiche-di-inclusione-e-pari-opportunita",
    referente: "welfare@cremona.example",
    scrivi: (page, card) => page.locator(card).getByLabel("Titolo del progetto").fill("Progetto con il titolo scritto all'ultimo"),
    atteso: /Progetto con il titolo scritto all'ultimo/,
  },
];

for (const caso of casi) {
  test(`blocco ${caso.tipo}: scritto e inviato subito su una rete lenta, l'invio aspetta il salvataggio e non perde nulla`, async ({ page }) => {
    const { sectionId, blockId, card } = primo(caso.codice, caso.tipo);
    await accedi(page, caso.referente);
    await page.goto(`/sezioni/${sectionId}/modifica`);
    await expect(page.locator(card)).toBeVisible();
    await reteLenta(page);
    await caso.scrivi(page, card);
    await expect(page.locator(card).getByTestId("stato-salvataggio")).toHaveText(/non ancora salvate|Salvataggio/);
    await inviaSubito(page, caso.codice);
    // The block holds what was typed, and so does the revision the sending recorded.
    expect(JSON.stringify(bloccoDb(blockId).payload)).toMatch(caso.atteso);
    const revisione = ultimaRevisione(sectionId);
    expect(revisione.motivo).toBe("invio");
    expect(revisione.contenuto).toMatch(caso.atteso);
  });
}

test("un valore non valido ferma l'invio, l'uscita e i collegamenti: si dice quale blocco e perché, il cursore va al campo, nulla si perde", async ({ page }) => {
  const codice = "verde-pubblico-e-patrimonio-ambientale";
  const { sectionId, blockId, card } = primo(codice, "indicatore");
  const prima = bloccoDb(blockId);
  await accedi(page, "ambiente@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  const blocco = page.locator(card);
  const valore = blocco.getByLabel("Valore", { exact: true });

  // A word in a number field is an unsaved change, not "Nessuna modifica".
  await valore.fill("trecentododici");
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText("Non salvato: correggi i campi segnalati");
  await page.getByRole("button", { name: "Invia alla revisione" }).click();
  const rifiuto = page.getByTestId("modifiche-da-completare");
  await expect(rifiuto).toContainText("Prima di inviare la sezione");
  await expect(rifiuto).toContainText(/Blocco \d+ \(Indicatore\): «Valore» non è valido/);
  await expect(valore).toBeFocused();
  await controllaAccessibilita(page);
  expect(statoSezione(codice)).toBe("bozza");

  // Kept in the browser like any other unsaved edit: a reload brings the word back, still refused.
  await page.reload();
  await expect(blocco.getByText("Sono state ripristinate le modifiche non salvate")).toBeVisible();
  await expect(valore).toHaveValue("trecentododici");
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText("Non salvato: correggi i campi segnalati");
  expect(bloccoDb(blockId).version).toBe(prima.version);

  // Neither logging out nor following a link leaves the page while it is so.
  await page.getByRole("button", { name: "Esci" }).click();
  await expect(page.getByTestId("modifiche-da-completare")).toContainText("Prima di uscire");
  await expect(valore).toBeFocused();
  await page.getByRole("link", { name: "Cronologia" }).click();
  await expect(page.getByTestId("modifiche-da-completare")).toContainText("Prima di lasciare la pagina");
  await expect(page).toHaveURL(new RegExp(`/sezioni/${sectionId}/modifica$`));

  // A required field emptied and sent at once, on a slow network: the server's refusal of the
  // save stops the sending too, naming the field.
  await valore.fill("312");
  await expect(blocco.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/);
  await reteLenta(page);
  const misura = blocco.getByLabel("Che cosa misura");
  await misura.fill("");
  await page.getByRole("button", { name: "Invia alla revisione" }).click();
  await expect(page.getByTestId("modifiche-da-completare")).toHaveCount(1);
  await expect(page.getByTestId("modifiche-da-completare")).toContainText(/Blocco \d+ \(Indicatore\): «Che cosa misura»: Campo obbligatorio/);
  await expect(misura).toBeFocused();
  expect(statoSezione(codice)).toBe("bozza");
  expect((bloccoDb(blockId).payload as { valore: number }).valore).toBe(312);

  // Corrected and, at once, a link: the navigation waits for the save, then goes.
  await misura.fill("alberi curati dal Comune");
  await page.getByRole("link", { name: "Cronologia" }).click();
  await expect(page).toHaveURL(new RegExp(`/sezioni/${sectionId}/cronologia$`));
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("alberi curati dal Comune");
});

test("un conflitto con un collega ferma l'invio finché non si sceglie la versione", async ({ browser }) => {
  const codice = "recupero-riuso-e-riciclo";
  const { sectionId, blockId, card } = primo(codice, "indicatore");
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await accedi(a, "ambiente@cremona.example");
  await accedi(b, "coordinatore@cremona.example");
  await a.goto(`/sezioni/${sectionId}/modifica`);
  await b.goto(`/sezioni/${sectionId}/modifica`);
  await b.locator(card).getByLabel("Che cosa misura").fill("versione del coordinatore");
  await expect(b.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/);

  await a.locator(card).getByLabel("Che cosa misura").fill("versione della referente");
  await a.getByRole("button", { name: "Invia alla revisione" }).click();
  await expect(a.getByTestId("modifiche-da-completare")).toContainText(/un collega lo ha modificato dopo di te/);
  await expect(a.locator(`#blocco-${blockId}-conflitto`)).toBeFocused();
  expect(statoSezione(codice)).toBe("bozza");

  await a.getByRole("button", { name: "Tieni la mia versione" }).click();
  await expect(a.locator(card).getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/);
  await inviaSubito(a, codice);
  expect((bloccoDb(blockId).payload as { etichetta: string }).etichetta).toBe("versione della referente");
  await ctxA.close();
  await ctxB.close();
});
