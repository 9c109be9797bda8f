import { expect, test, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { accedi, controllaAccessibilita } from "./helpers";

/**
 * The stylesheet is Bootstrap Italia built from its Sass sources with only the parts in use
 * (app/stile/bootstrap-italia.scss): every page stays under 100 KB of CSS, still looks like
 * Bootstrap Italia, and uses no Bootstrap Italia class that the build leaves out.
 */
const LIMITE_CSS = 100 * 1024;
const PRIMARIO = "rgb(0, 102, 204)";

// Every class the whole bootstrap-italia.min.css styles.
const classiDi = (css: string) => new Set([...css.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]));
const CLASSI_BI = classiDi(readFileSync("node_modules/bootstrap-italia/dist/css/bootstrap-italia.min.css", "utf8"));
// Classes the app uses that Bootstrap Italia styles only inside components the app does not have
// (ul.link-list inside the mobile header).
const SOLO_IN_ALTRI_CONTESTI = new Set(["link-list"]);

type Misura = { byte: number; file: string[]; classiCss: Set<string> };

/** Loads the address afresh (no cache) and adds up the text/css responses, uncompressed. */
async function caricaEMisura(page: Page, indirizzo: string): Promise<Misura> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const corpi: Promise<{ url: string; testo: string }>[] = [];
  const ascolta = (r: import("@playwright/test").Response) => {
    if ((r.headers()["content-type"] ?? "").startsWith("text/css")) corpi.push(r.text().then((testo) => ({ url: r.url(), testo })));
  };
  page.on("response", ascolta);
  await page.goto(indirizzo);
  await page.waitForLoadState("networkidle");
  page.off("response", ascolta);
  await cdp.detach();
  const css = await Promise.all(corpi);
  return {
    byte: css.reduce((s, c) => s + Buffer.byteLength(c.testo), 0),
    file: css.map((c) => `${new URL(c.url).pathname} ${Buffer.byteLength(c.testo)} B`),
    classiCss: classiDi(css.map((c) => c.testo).join("\n")),
  };
}

/** Under the limit, Titillium Web loaded, the header in Bootstrap Italia's primary blue, and no Bootstrap Italia class left out. */
async function controllaStile(page: Page, indirizzo: string) {
  const m = await caricaEMisura(page, indirizzo);
  expect(m.byte, `CSS di ${indirizzo}: ${m.file.join(", ")}`).toBeLessThan(LIMITE_CSS);
  await expect(page.locator(".it-header-center-wrapper")).toHaveCSS("background-color", PRIMARIO);
  await expect(page.locator(".it-header-slim-wrapper")).toHaveCSS("display", "flex");
  expect(await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.replace(/"/g, "") === "Titillium Web" && f.status === "loaded");
  }), "il carattere Titillium Web è caricato").toBe(true);
  const usate = await page.evaluate(() => [...new Set([...document.querySelectorAll("[class]")].flatMap((e) => [...e.classList]))]);
  const escluse = usate.filter((c) => CLASSI_BI.has(c) && !m.classiCss.has(c) && !SOLO_IN_ALTRI_CONTESTI.has(c));
  expect(escluse, `classi di Bootstrap Italia usate in ${indirizzo} ma escluse da app/stile/bootstrap-italia.scss`).toEqual([]);
}

test("le pagine pubbliche caricano meno di 100 KB di CSS e restano nello stile di Bootstrap Italia", async ({ page }) => {
  await controllaStile(page, "/login");
  await expect(page.getByRole("button", { name: "Accedi" })).toHaveCSS("background-color", PRIMARIO);

  await controllaStile(page, "/edizioni/2014-2016");
  await expect(page.locator(".it-footer-main")).toHaveCSS("background-color", "rgb(0, 77, 153)");
  await controllaAccessibilita(page);

  await controllaStile(page, "/edizioni/2014-2016/impegni/offerta-culturale-turistica");
  await expect(page.locator(".card").first()).not.toHaveCSS("box-shadow", "none");
  await expect(page.locator(".breadcrumb").first()).toHaveCSS("display", "flex");
});

test("l'editor di una sezione e il cruscotto del coordinatore caricano meno di 100 KB di CSS", async ({ page, browser }) => {
  await accedi(page, "cultura@cremona.example");
  await page.goto("/settore");
  await page.getByRole("region", { name: /2017–2019/ }).getByRole("link", { name: "Offerta culturale e turistica" }).click();
  await expect(page).toHaveURL(/\/sezioni\/\d+$/);
  await page.getByRole("link", { name: "Modifica", exact: true }).click();
  await expect(page).toHaveURL(/\/sezioni\/\d+\/modifica$/);
  await controllaStile(page, new URL(page.url()).pathname);
  await expect(page.locator("input.form-control").first()).toHaveCSS("border-bottom", "1px solid rgb(93, 112, 131)");

  const contesto = await browser.newContext();
  const coord = await contesto.newPage();
  await accedi(coord, "coordinatore@cremona.example");
  await controllaStile(coord, "/");
  await expect(coord).toHaveURL(/\/coordinamento$/);
  await expect(coord.locator(".progress").first()).toHaveCSS("height", "8px");
  await expect(coord.locator(".progress").first()).toHaveCSS("background-color", "rgb(230, 230, 230)");
  await contesto.close();
});
