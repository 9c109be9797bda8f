import { expect, test, type Locator, type Page } from "@playwright/test";
import { eq } from "drizzle-orm";
import { openDatabase } from "../db/open";
import { users } from "../db/schema";
import { accedi, controllaAccessibilita, idSezione } from "./helpers";

/**
 * The small things a new Comune ran into on its first cycle (issue 19, "Low"): the icon of the
 * site, the way from the login page to the public editions, a refused form that keeps its
 * choices, the Italian of counts and of «rispetto alla …», and boxes whose parts overlap.
 */

const idUtente = (email: string) => {
  const d = openDatabase("data/e2e.sqlite");
  try {
    return d.select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
  } finally {
    d.$client.close();
  }
};

/** The box of an element's text as it is drawn (not of its line boxes, which Bootstrap Italia makes tall for floating labels). */
const boxTesto = (l: Locator) =>
  l.evaluate((el) => {
    const r = document.createRange();
    r.selectNodeContents(el);
    const b = r.getBoundingClientRect();
    return { x: b.left, y: b.top, width: b.width, height: b.height };
  });

/** Whether the texts of two elements overlap on the page. */
async function testiSiSovrappongono(a: Locator, b: Locator): Promise<boolean> {
  const [x, y] = [await boxTesto(a), await boxTesto(b)];
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

/** Where an alert draws its icon (Bootstrap Italia: a background image) and where its text starts, in px. */
async function geometriaAvviso(avviso: Locator) {
  return avviso.evaluate((el) => {
    const s = getComputedStyle(el);
    const px = (v: string) => parseFloat(v);
    const [larghezza, altezza] = s.backgroundSize.split(" ").map(px);
    return {
      altezza: el.getBoundingClientRect().height - px(s.borderTopWidth) - px(s.borderBottomWidth),
      iconaSotto: px(s.backgroundPositionY) + altezza,
      iconaDestra: px(s.backgroundPositionX) + larghezza,
      inizioTesto: px(s.paddingLeft),
    };
  });
}

test("il sito ha la sua icona e dalla pagina di accesso si arriva alle edizioni pubblicate", async ({ page, request }) => {
  const icona = await request.get("/favicon.ico");
  expect(icona.status()).toBe(200);
  expect(icona.headers()["content-type"]).toMatch(/^image\//);
  expect((await icona.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

  await page.goto("/login");
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute("href", /\/favicon\.ico/);
  const edizioni = page.getByRole("link", { name: "le edizioni pubblicate" });
  await expect(edizioni).toHaveAttribute("href", "/edizioni");
  await controllaAccessibilita(page);
  await edizioni.click();
  await expect(page).toHaveURL(/\/edizioni$/);
  await expect(page.getByRole("link", { name: /Bilancio Sociale 2014.2016/ }).first()).toBeVisible();
});

test("Nuovo utente rifiutato: ruolo e settore scelti restano scelti, come il ruolo da aggiungere a una persona", async ({ page }) => {
  await accedi(page, "amministratore@cremona.example");
  await page.goto("/amministrazione/utenti/nuovo");
  const ruolo = page.getByLabel("Ruolo", { exact: true });
  await ruolo.selectOption("referente");
  const settore = page.getByLabel("Settore", { exact: true });
  await settore.selectOption({ label: "Settore Cultura, Musei e City Branding (cultura)" });
  const settoreScelto = await settore.inputValue();
  expect(settoreScelto).not.toBe("");
  // No name and an address that is not one: refused, each message beside its field.
  await page.getByLabel("Email").fill("non-una-email");
  await page.getByRole("button", { name: "Crea e invia l'invito" }).click();
  await expect(page.getByLabel("Nome e cognome")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  // What was chosen is what the selects show, not their placeholder.
  await expect(ruolo).toHaveValue("referente");
  await expect(ruolo.locator("option:checked")).toHaveText("Referente di settore");
  await expect(settore).toHaveValue(settoreScelto);
  await expect(settore.locator("option:checked")).toHaveText("Settore Cultura, Musei e City Branding (cultura)");
  await expect(page.getByLabel("Email")).toHaveValue("non-una-email");
  // The alert's icon stays inside its box, beside the text.
  const avviso = page.getByRole("alert").filter({ hasText: "Controlla i campi segnalati." });
  await expect(avviso).toBeVisible();
  const g = await geometriaAvviso(avviso);
  expect(g.iconaSotto).toBeLessThanOrEqual(g.altezza);
  expect(g.iconaDestra).toBeLessThanOrEqual(g.inizioTesto);
  await controllaAccessibilita(page);

  // The same pair on a person's page: a referente without a settore is refused, the role stays.
  await page.goto(`/amministrazione/utenti/${idUtente("lettore@cremona.example")}`);
  const aggiungi = page.getByRole("form", { name: "Aggiungi un ruolo" });
  await aggiungi.getByLabel("Ruolo", { exact: true }).selectOption("referente");
  await aggiungi.getByRole("button", { name: "Aggiungi il ruolo" }).click();
  await expect(aggiungi.getByLabel("Settore", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(aggiungi.getByLabel("Ruolo", { exact: true })).toHaveValue("referente");
  await expect(aggiungi.getByLabel("Ruolo", { exact: true }).locator("option:checked")).toHaveText("Referente di settore");
});

test("il riquadro compatto «Controlla i campi segnalati.» contiene la sua icona", async ({ page }) => {
  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/edizione/nuova");
  await page.getByLabel("Titolo", { exact: true }).fill("");
  await page.getByLabel("Anno iniziale").fill("");
  await page.getByLabel("Anno finale").fill("");
  await page.getByRole("button", { name: "Crea l'edizione" }).click();
  const avviso = page.getByRole("alert").filter({ hasText: "Controlla i campi segnalati." });
  await expect(avviso).toBeVisible();
  const g = await geometriaAvviso(avviso);
  expect(g.iconaSotto).toBeLessThanOrEqual(g.altezza);
  expect(g.iconaDestra).toBeLessThanOrEqual(g.inizioTesto);
  await avviso.screenshot({ path: test.info().outputPath("avviso-compatto.png") });
});

/** The heading of the comments: "Commenti (n aperto/aperti)". */
const titoloCommenti = (page: Page) => page.getByRole("heading", { name: /^Commenti \(/ });

test("un commento aperto si conta al singolare; «Nuovo commento» non copre le etichette; il confronto dice «rispetto alla/all'»", async ({ page }) => {
  // A section no other journey touches, with no comment yet.
  const id = idSezione("equita-e-legalita");
  await accedi(page, "coordinatore@cremona.example");
  await page.goto(`/sezioni/${id}`);
  await expect(titoloCommenti(page)).toHaveText("Commenti (0 aperti)");

  const titolo = page.getByRole("heading", { name: "Nuovo commento" });
  const primaEtichetta = page.locator('label[for="commento-blocco"]');
  await expect(primaEtichetta).toBeVisible();
  expect(await testiSiSovrappongono(titolo, primaEtichetta)).toBe(false);
  await page.getByRole("form", { name: "Nuovo commento" }).screenshot({ path: test.info().outputPath("nuovo-commento.png") });

  await page.getByLabel("Commento", { exact: true }).fill("Manca la fonte dei dati sulla legalità.");
  await page.getByRole("button", { name: "Aggiungi commento" }).click();
  await expect(titoloCommenti(page)).toHaveText("Commenti (1 aperto)");
  await controllaAccessibilita(page);

  // The review page of the section waiting in the demo: an articulated preposition, never «a la» or «a l'».
  await page.goto(`/revisione/${idSezione("scuola-come-luogo-di-coesione-sociale")}`);
  const confronto = page.getByRole("heading", { name: /^Che cosa è cambiato rispetto/ });
  await expect(confronto).toHaveText(/^Che cosa è cambiato rispetto (al|allo|alla|all'|ai|agli|alle)[ a-zà-ù]/);
  await expect(confronto).not.toHaveText(/rispetto a (il|lo|la|l'|i|gli|le)\b/);
});
