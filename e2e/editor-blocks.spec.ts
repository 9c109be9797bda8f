import { expect, test, type Locator, type Page } from "@playwright/test";
import { accedi, blocchiDb, controllaAccessibilita, idSezione, svuotaSezione } from "./helpers";

async function aggiungi(page: Page, tipo: string): Promise<Locator> {
  const prima = await page.locator("article[data-blocco]").count();
  await page.getByLabel("Tipo di blocco").selectOption({ label: tipo });
  await page.getByRole("button", { name: "Aggiungi blocco" }).click();
  await expect(page.locator("article[data-blocco]")).toHaveCount(prima + 1);
  return page.locator("article[data-blocco]").nth(prima);
}

const salvato = (card: Locator) => expect(card.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/, { timeout: 10_000 });

test("il referente crea un blocco di ogni tipo, ricarica e li ritrova intatti", async ({ page }) => {
  svuotaSezione("scuola-universita-ricerca-e-sviluppo");
  const sectionId = idSezione("scuola-universita-ricerca-e-sviluppo");
  await accedi(page, "istruzione@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  await expect(page.getByText("La sezione non ha ancora blocchi")).toBeVisible();

  const indicatore = await aggiungi(page, "Indicatore");
  await indicatore.getByLabel("Valore", { exact: true }).fill("14,7%");
  await indicatore.getByLabel("Che cosa misura").fill("degli alunni sono stranieri");
  await indicatore.getByLabel("Fonte").fill("Ufficio scolastico");
  await salvato(indicatore);

  const serie = await aggiungi(page, "Serie e grafico");
  await serie.getByLabel("Titolo del grafico").fill("Iscritti ai nidi");
  // Cells copied from a spreadsheet: years in the first column, Italian numbers.
  await serie.getByLabel("Anno o categoria della riga 1").evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", "2014\t1.120\n2015\t1.135,5\n2016\t1.150\n");
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(serie.getByLabel(/Valore di «.*» per 2015/)).toHaveValue("1.135,5");
  await salvato(serie);

  const tabella = await aggiungi(page, "Tabella");
  await tabella.getByLabel("Titolo della tabella").fill("Scuole per ordine");
  await tabella.getByLabel("Intestazione della colonna 1").fill("Ordine");
  await tabella.getByLabel("Intestazione della colonna 2").fill("Numero");
  await tabella.getByLabel(/Riga 1, colonna «Ordine»/).fill("Infanzia");
  await tabella.getByLabel(/Riga 1, colonna «Numero»/).fill("21");
  await salvato(tabella);

  const scheda = await aggiungi(page, "Scheda PRIMA/DOPO");
  await scheda.getByLabel("Titolo del progetto").fill("Musica nelle scuole");
  await scheda.getByRole("button", { name: "Aggiungi punto del prima" }).click();
  await scheda.getByLabel("Punto del PRIMA 1", { exact: true }).fill("Interventi non integrati");
  await scheda.getByRole("button", { name: "Aggiungi punto del dopo" }).click();
  await scheda.getByLabel("Punto del DOPO 1", { exact: true }).fill("Un percorso per tutti");
  await scheda.getByLabel("Destinatari").fill("Bambini e ragazzi");
  await scheda.getByLabel("Importo in euro (facoltativo)").first().fill("29.500");
  await scheda.getByRole("button", { name: "Aggiungi un risultato" }).click();
  await scheda.getByLabel("Valore (facoltativo)").fill("42");
  await scheda.getByLabel("Unità di misura").last().fill("classi");
  await scheda.getByLabel("Didascalia").fill("hanno attivato progetti musicali");
  await salvato(scheda);

  const testo = await aggiungi(page, "Testo");
  await testo.getByLabel("Titolo (facoltativo)").fill("Il progetto");
  const area = testo.getByRole("textbox", { name: "Testo" });
  await area.click();
  await page.keyboard.type("Un percorso ");
  await page.keyboard.press("Control+b");
  await page.keyboard.type("integrato");
  await testo.getByRole("button", { name: "Nota a piè di pagina" }).click();
  await testo.getByRole("textbox", { name: "Testo della nota" }).fill("Dati al 30 giugno 2017");
  await testo.getByRole("button", { name: "Inserisci nota" }).click();
  await salvato(testo);
  await controllaAccessibilita(page);

  await page.reload();
  const tipi = blocchiDb(sectionId).map((b) => b.tipo);
  expect(tipi).toEqual(["indicatore", "serie", "tabella", "scheda", "testo"]);
  const [i, s, t, sc, tx] = blocchiDb(sectionId).map((b) => b.payload as Record<string, unknown>);
  expect(i).toMatchObject({ valore: 14.7, unita: "%", etichetta: "degli alunni sono stranieri", fonte: "Ufficio scolastico" });
  expect(s).toMatchObject({ titolo: "Iscritti ai nidi", categorie: ["2014", "2015", "2016"] });
  expect((s.serie as { valori: number[] }[])[0].valori).toEqual([1120, 1135.5, 1150]);
  expect(t).toMatchObject({ titolo: "Scuole per ordine", intestazione: ["Ordine", "Numero"], righe: [["Infanzia", "21"]] });
  expect(sc).toMatchObject({ titolo: "Musica nelle scuole", prima: ["Interventi non integrati"], dopo: ["Un percorso per tutti"], destinatari: "Bambini e ragazzi", costi: { comune: { importo: 29500 } } });
  expect(sc.risultati).toEqual([{ valore: 42, unita: "classi", didascalia: "hanno attivato progetti musicali" }]);
  expect(JSON.stringify(tx)).toContain('"text":"integrato","marks":[{"type":"bold"}]');
  expect(JSON.stringify(tx)).toContain('{"type":"notaPiePagina","attrs":{"testo":"Dati al 30 giugno 2017"}}');

  // After the reload the forms show what was saved.
  const card = (n: number) => page.locator("article[data-blocco]").nth(n);
  await expect(card(0).getByLabel("Valore", { exact: true })).toHaveValue("14,7");
  await expect(card(1).getByLabel(/Valore di «.*» per 2016/)).toHaveValue("1.150");
  await expect(card(3).getByLabel("Punto del DOPO 1", { exact: true })).toHaveValue("Un percorso per tutti");
  await expect(card(4).getByRole("textbox", { name: "Testo" })).toContainText("Un percorso integrato");
  // The read-only view renders them as the report does.
  await page.goto(`/sezioni/${sectionId}`);
  await expect(page.getByText("14,7%", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: /Iscritti ai nidi/ }).getByText("1.135,5")).toBeVisible();
  await expect(page.getByText("29.500 euro", { exact: true })).toBeVisible();
  // The footnote is numbered with the section's sources and listed at the end.
  await expect(page.getByRole("region", { name: "Fonti e note" }).getByText("Dati al 30 giugno 2017")).toBeVisible();
});

test("blocchi riordinati da tastiera, duplicati, eliminati con annulla; la cronologia ripristina", async ({ page }) => {
  const sectionId = idSezione("giovani");
  const riportati = blocchiDb(sectionId).length;
  svuotaSezione("giovani");
  await accedi(page, "coordinatore@cremona.example");
  await page.goto(`/sezioni/${sectionId}/modifica`);
  const a = await aggiungi(page, "Indicatore");
  await a.getByLabel("Che cosa misura").fill("primo");
  await salvato(a);
  const b = await aggiungi(page, "Indicatore");
  await b.getByLabel("Che cosa misura").fill("secondo");
  await salvato(b);
  const etichette = () => blocchiDb(sectionId).map((x) => (x.payload as { etichetta: string }).etichetta);
  expect(etichette()).toEqual(["primo", "secondo"]);

  // Keyboard only: focus the button and press Enter.
  await page.getByRole("button", { name: "Sposta su il blocco 2" }).focus();
  await page.keyboard.press("Enter");
  await expect.poll(etichette).toEqual(["secondo", "primo"]);
  await expect(page.locator("article[data-blocco]").first().getByLabel("Che cosa misura")).toHaveValue("secondo");

  await page.getByRole("button", { name: "Duplica il blocco 1" }).click();
  await expect.poll(etichette).toEqual(["secondo", "secondo", "primo"]);

  await page.getByRole("button", { name: "Elimina il blocco 3" }).click();
  await expect.poll(etichette).toEqual(["secondo", "secondo"]);
  await page.getByRole("button", { name: "Annulla eliminazione" }).click();
  await expect.poll(etichette).toEqual(["secondo", "secondo", "primo"]);

  await page.goto(`/sezioni/${sectionId}/cronologia`);
  await controllaAccessibilita(page);
  const righe = page.getByRole("row");
  await expect(righe.nth(1)).toContainText("(attuale)");
  // Revision 1 is the section as carried forward from 2014–2016: restoring it brings those blocks back.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Ripristina la revisione 1" }).click();
  await expect.poll(() => blocchiDb(sectionId).length).toBe(riportati);
  expect(etichette()).not.toContain("primo");
  await expect(page.getByRole("row").nth(1)).toContainText("Ripristino");
});
