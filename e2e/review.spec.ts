import { expect, test } from "@playwright/test";
import { accedi, blocchiDb, controllaAccessibilita, idAzione, idSezione, postaPer, statoSezione, svuotaSezione } from "./helpers";

const CODICE = "commercio-e-turismo";
/** The demo referente of the settore that owns it (db/demo-users.ts: one per settore). */
const REFERENTE = "commercio-turismo@cremona.example";

test("il ciclo completo: invio, richiesta di modifiche su un dato, correzione, approvazione, riapertura", async ({ browser }) => {
  // Two people through a whole review loop: about twenty page steps, longer than the default budget on 2 cores.
  svuotaSezione(CODICE);
  const sectionId = idSezione(CODICE);
  const ref = await (await browser.newContext()).newPage();
  const coord = await (await browser.newContext()).newPage();
  await accedi(ref, REFERENTE);
  await accedi(coord, "coordinatore@cremona.example");

  // The referente fills in the section and submits it.
  await ref.goto(`/sezioni/${sectionId}/modifica`);
  await ref.getByLabel("Tipo di blocco").selectOption({ label: "Indicatore" });
  await ref.getByRole("button", { name: "Aggiungi blocco" }).click();
  const card = ref.locator("article[data-blocco]").first();
  await card.getByLabel("Valore", { exact: true }).fill("1.500");
  await card.getByLabel("Unità di misura").fill("visitatori");
  // A year inside the edition (2017–2019): the data checks have nothing to say.
  await card.getByLabel("Che cosa misura").fill("al punto informativo nel 2017");
  await card.getByLabel("Anno o data di riferimento").fill("2017");
  await card.getByLabel("Fonte").fill("Ufficio IAT");
  await expect(card.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/);
  await ref.getByRole("button", { name: "Invia alla revisione" }).click();
  await expect(ref).toHaveURL(new RegExp(`/sezioni/${sectionId}$`));
  await expect(ref.getByText("La sezione è in revisione presso il coordinamento")).toBeVisible();
  expect(statoSezione(CODICE)).toBe("inviata");
  expect((await ref.goto(`/sezioni/${sectionId}/modifica`))?.status()).toBe(403);

  // The coordinator finds it in the queue and asks for a change on one figure.
  await coord.goto("/revisione");
  await controllaAccessibilita(coord);
  await coord.getByRole("link", { name: "Commercio e turismo" }).click();
  await expect(coord.getByRole("heading", { name: "Revisione: Commercio e turismo" })).toBeVisible();
  await controllaAccessibilita(coord);
  await coord.getByLabel("Su quale blocco").selectOption({ index: 1 });
  await coord.getByLabel("Su quale campo").selectOption({ label: "Valore" });
  await coord.getByLabel("Commento", { exact: true }).fill("Il dato 2017 è 1.600");
  await coord.getByRole("button", { name: "Aggiungi commento" }).click();
  await expect(coord.getByText("Il dato 2017 è 1.600").first()).toBeVisible();
  // A request of changes without a reason is refused at the message's field, even with a comment open.
  await coord.getByRole("button", { name: "Richiedi modifiche" }).click();
  const messaggio = coord.getByLabel("Messaggio per il settore");
  await expect(messaggio).toHaveAccessibleDescription("Scrivi al settore che cosa modificare.");
  await expect(messaggio).toBeFocused();
  expect(statoSezione(CODICE)).toBe("inviata");
  await messaggio.fill("Correggere il dato segnalato");
  await coord.getByRole("button", { name: "Richiedi modifiche" }).click();
  await expect.poll(() => statoSezione(CODICE)).toBe("da_rivedere");

  // The referente sees the comment beside the field, fixes it, replies, resubmits.
  await ref.goto(`/sezioni/${sectionId}/modifica`);
  const card2 = ref.locator("article[data-blocco]").first();
  await expect(card2.getByText(/Commento di Giulia Rossi su «Valore»: Il dato 2017 è 1.600/).first()).toBeVisible();
  await card2.getByLabel("Valore", { exact: true }).fill("1.600");
  await expect(card2.getByTestId("stato-salvataggio")).toHaveText(/Salvato alle/);
  // The message is a thread of its own, on the whole section: the reply goes to the one on «Valore».
  const thread = ref.getByRole("article", { name: /campo «Valore»/ });
  await thread.getByLabel("Rispondi a Giulia Rossi").fill("Corretto, grazie");
  await thread.getByRole("button", { name: "Rispondi" }).click();
  await expect(ref.getByText("Corretto, grazie", { exact: true })).toBeVisible();
  await ref.getByRole("button", { name: "Invia alla revisione" }).click();
  await expect(ref).toHaveURL(new RegExp(`/sezioni/${sectionId}$`));
  expect(statoSezione(CODICE)).toBe("inviata");

  // The second review shows only what changed: the one figure, old → new.
  await coord.goto(`/revisione/${sectionId}`);
  await expect(coord.getByText("1 blocco modificato", { exact: false })).toBeVisible();
  await expect(coord.locator("del").filter({ hasText: "1.500" }).first()).toBeVisible();
  await expect(coord.locator("ins").filter({ hasText: "1.600" }).first()).toBeVisible();
  await coord.getByRole("button", { name: "Approva" }).click();
  await expect.poll(() => statoSezione(CODICE)).toBe("approvata");

  // Approved: frozen for the referente.
  expect((await ref.goto(`/sezioni/${sectionId}/modifica`))?.status()).toBe(403);
  await ref.goto(`/sezioni/${sectionId}`);
  await expect(ref.getByRole("heading", { level: 1 })).toHaveText("Commercio e turismo");
  await expect(ref.getByRole("link", { name: "Modifica" })).toHaveCount(0);

  // The coordinator reopens it, with a reason, and the history shows every decision.
  await coord.goto(`/revisione/${sectionId}`);
  await coord.getByLabel("Motivo della riapertura").fill("Aggiornare con i dati 2017");
  await coord.getByRole("button", { name: "Riapri" }).click();
  await expect.poll(() => statoSezione(CODICE)).toBe("bozza");
  await coord.reload();
  const storia = coord.getByRole("region", { name: "Storia delle decisioni" });
  await expect(storia.getByRole("listitem")).toHaveCount(5);
  await expect(storia).toContainText("Aggiornare con i dati 2017");

  // In the app, the bell counts what is new; the notifications page lists it.
  await ref.goto("/notifiche");
  await expect(ref.getByText("Richieste modifiche alla sezione «Commercio e turismo»")).toBeVisible();
  await controllaAccessibilita(ref);

  // The outbox has the messages: the coordinators on submission, the referente on each decision.
  expect(postaPer("coordinatore@cremona.example").filter((o) => o.includes("Commercio e turismo"))).toEqual([
    "[Bilancio Sociale] Sezione inviata alla revisione: «Commercio e turismo»",
    "[Bilancio Sociale] Sezione inviata alla revisione: «Commercio e turismo»",
  ]);
  expect(postaPer(REFERENTE).filter((o) => o.includes("Commercio e turismo"))).toEqual([
    "[Bilancio Sociale] Richieste modifiche alla sezione «Commercio e turismo»",
    "[Bilancio Sociale] Sezione approvata: «Commercio e turismo»",
    "[Bilancio Sociale] Sezione riaperta: «Commercio e turismo»",
  ]);
});

test("richieste contraffatte: un referente non approva e non invia la sezione di un altro settore", async ({ page }) => {
  const mia = idSezione("conosci-cultura-turismo");
  const altrui = "conosci-economia-lavoro";
  await accedi(page, "cultura@cremona.example");
  const chiama = (input: object) =>
    page.request.post(`/sezioni/${mia}/modifica`, {
      headers: { "Next-Action": idAzione("transizioneAction"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component" },
      data: JSON.stringify([input]),
    });
  const prima = blocchiDb(idSezione(altrui));
  const r1 = await chiama({ sectionId: idSezione(altrui), version: 1, azione: "invia" });
  expect(await r1.text()).toContain("La sezione appartiene a un altro settore.");
  const r2 = await chiama({ sectionId: mia, version: 1, azione: "approva" });
  expect(await r2.text()).toContain("non si può");
  expect(statoSezione(altrui)).toBe("bozza");
  expect(statoSezione("conosci-cultura-turismo")).toBe("bozza");
  expect(blocchiDb(idSezione(altrui))).toEqual(prima);
});

test("il cruscotto del coordinamento è accessibile", async ({ page }) => {
  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/coordinamento");
  await controllaAccessibilita(page);
});

test("il registro delle attività si filtra e si scarica in CSV", async ({ page }) => {
  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/registro");
  await controllaAccessibilita(page);
  await page.getByLabel("Azione", { exact: true }).selectOption({ label: "Accesso" });
  await page.getByRole("button", { name: "Filtra" }).click();
  await expect(page).toHaveURL(/azione=accesso/);
  const righe = page.getByRole("table").getByRole("row");
  await expect(righe.nth(1)).toContainText("Accesso");
  await expect(page.getByRole("table")).not.toContainText("Modifica di un blocco");
  const csv = await page.request.get("/registro/export.csv?azione=accesso");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const testo = await csv.text();
  expect(testo.split(/\r?\n/)[0].replace("\uFEFF", "")).toBe("quando;chi;azione;sezione;settore;dettagli");
  expect(testo).toContain("coordinatore@cremona.example");
  // Not for a referente.
  await page.context().clearCookies();
  await accedi(page, "cultura@cremona.example");
  expect((await page.goto("/registro"))?.status()).toBe(403);
});
