import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { eq, inArray } from "drizzle-orm";
import { openDatabase } from "../db/open";
import { PROSSIMA_EDIZIONE } from "../db/demo/edizioni";
import { areas, editions, parts, roleMemberships, sections, settori, users } from "../db/schema";
import { accedi, azioneContraffatta, controllaAccessibilita } from "./helpers";

/**
 * A coordinator sets an edition up in the browser: a new edition (blank, then one
 * from it as a template), its structure, the assignments; the referente sees the
 * result. Every journey makes its own editions with unique addresses and years
 * before the demo's, so the demo editions other specs rely on stay as they are.
 */
const unico = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const SETTORE_MODELLO = "Ufficio Progetti e Risorse";
const SETTORE_CULTURA = "Settore Cultura, Musei e City Branding";

/** A radio button as a person picks it: Bootstrap Italia draws its label over the input. */
async function scegli(page: Page, etichetta: string) {
  await page.locator("label.form-check-label", { hasText: etichetta }).click();
  await expect(page.getByLabel(etichetta)).toBeChecked();
}

async function creaEdizione(page: Page, opzioni: { titolo: string; slug: string; annoInizio: string; annoFine: string; modello?: string }) {
  await page.goto("/edizione/nuova");
  if (opzioni.modello) {
    await scegli(page, "Da un modello");
    await page.getByLabel("Edizione da usare come modello").selectOption({ label: opzioni.modello });
  }
  await page.getByLabel("Titolo").fill(opzioni.titolo);
  await page.getByLabel("Anno iniziale").fill(opzioni.annoInizio);
  await page.getByLabel("Anno finale").fill(opzioni.annoFine);
  // The address is proposed from the years.
  await expect(page.getByLabel("Indirizzo")).toHaveValue(`${opzioni.annoInizio}-${opzioni.annoFine}`);
  await page.getByLabel("Indirizzo").fill(opzioni.slug);
  await page.getByRole("button", { name: "Crea l'edizione" }).click();
  await expect(page).toHaveURL(new RegExp(`/edizione/${opzioni.slug}/struttura$`), { timeout: 20_000 });
}

/** Opens an "Aggiungi …" panel inside `dove`, fills it and sends it. */
async function aggiungi(dove: Locator, etichetta: string, campi: { titolo: string; obiettivo?: string; settore?: string }) {
  await dove.locator("summary", { hasText: etichetta }).last().click();
  const modulo = dove.locator("form").filter({ has: dove.page().getByRole("button", { name: etichetta, exact: true }) }).last();
  await modulo.getByLabel("Titolo").fill(campi.titolo);
  if (campi.obiettivo) await modulo.getByLabel("Obiettivo").fill(campi.obiettivo);
  if (campi.settore) await modulo.getByLabel("Settore che la scrive").selectOption({ label: campi.settore });
  await modulo.getByRole("button", { name: etichetta, exact: true }).click();
  // The announcement agrees with the element: a part, an area, a page «…» aggiunta; an ambito «…» aggiunto.
  const aggiunto = /^Aggiungi (una |un')/.test(etichetta) ? "aggiunta" : "aggiunto";
  await expect(dove.page().getByRole("status").filter({ hasText: `«${campi.titolo}» ${aggiunto}.` })).toBeVisible();
}

test("il coordinatore crea un'edizione da un modello, aggiunge un ambito, assegna in blocco un'area con scadenza e il referente la trova", async ({ page, browser }) => {
  const u = unico();
  const modello = `Modello ${u}`;
  const titolo = `Prova struttura ${u}`;
  const parte = `Impegni ${u}`;
  const area = `Area 1 – Area di prova ${u}`;
  const primo = `Biblioteche di quartiere ${u}`;
  const secondo = `Musei diffusi ${u}`;

  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/edizione");
  await page.getByRole("link", { name: "Nuova edizione" }).click();
  await expect(page).toHaveURL(/\/edizione\/nuova$/);
  await expect(page.getByLabel("Vuota")).toBeChecked();
  await controllaAccessibilita(page);

  // A blank edition, built in the structure editor: it will be the template.
  await creaEdizione(page, { titolo: modello, slug: `modello-${u}`, annoInizio: "2005", annoFine: "2007" });
  await expect(page.getByText("L'edizione non ha ancora nessuna parte")).toBeVisible();
  await controllaAccessibilita(page);
  await aggiungi(page.locator("main"), "Aggiungi una parte", { titolo: parte });
  const regioneParte = page.getByRole("region", { name: parte });
  await aggiungi(regioneParte, "Aggiungi un'area", { titolo: `Area di prova ${u}` });
  await aggiungi(page.getByRole("region", { name: area }), "Aggiungi un ambito", { titolo: primo, obiettivo: "Biblioteche aperte in ogni quartiere", settore: SETTORE_MODELLO });
  await expect(page.getByRole("heading", { name: primo })).toBeVisible();
  await controllaAccessibilita(page);

  // The new edition from that template: same structure and owners, no content.
  await creaEdizione(page, { titolo, slug: `prova-${u}`, annoInizio: "2008", annoFine: "2010", modello });
  const regioneArea = page.getByRole("region", { name: area });
  await expect(regioneArea.getByRole("heading", { name: primo })).toBeVisible();
  await expect(regioneArea.getByText(`Scritta da ${SETTORE_MODELLO} · 0 blocchi`)).toBeVisible();

  // A second ambito, then moved up by keyboard: the focus stays on the moved ambito's buttons.
  await aggiungi(regioneArea, "Aggiungi un ambito", { titolo: secondo, obiettivo: "Musei aperti nei quartieri", settore: SETTORE_MODELLO });
  await expect(regioneArea.getByRole("heading", { level: 5 })).toHaveText([primo, secondo]);
  await regioneArea.getByRole("button", { name: `Sposta su «${secondo}»` }).focus();
  await page.keyboard.press("Enter");
  await expect(regioneArea.getByRole("heading", { level: 5 })).toHaveText([secondo, primo]);
  await expect(page.getByRole("status").filter({ hasText: `«${secondo}» spostato in posizione 1 di 2.` })).toBeVisible();
  // Now first, its "su" is disabled: the focus is on its "giù".
  await expect(page.locator(":focus")).toHaveAccessibleName(`Sposta giù «${secondo}»`);
  await controllaAccessibilita(page);

  // Every section of the area to cultura, with a deadline, in one go.
  await page.getByRole("link", { name: "Assegnazioni e scadenze" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/edizione/prova-${u}/assegnazioni$`));
  await controllaAccessibilita(page);
  await scegli(page, "Tutte le sezioni di un'area");
  await page.getByLabel("Area", { exact: true }).selectOption({ label: area });
  await expect(page.getByText(`2 sezioni: ${secondo}, ${primo}`)).toBeVisible();
  await page.getByLabel("Nuovo settore").selectOption({ label: SETTORE_CULTURA });
  await page.getByLabel("Nuova scadenza").fill("2030-06-30");
  await page.getByRole("button", { name: "Applica alle sezioni scelte" }).click();
  await expect(page.getByText(`2 sezioni assegnate a ${SETTORE_CULTURA} e con scadenza 30/06/2030.`)).toBeVisible();
  await expect(page.getByLabel(`Settore di «${primo}»`).locator("option:checked")).toHaveText(SETTORE_CULTURA);
  await expect(page.getByLabel(`Scadenza di «${secondo}»`)).toHaveValue("2030-06-30");
  await controllaAccessibilita(page);

  // The referente of cultura finds them on their home at once, and a notice.
  const ctx = await browser.newContext();
  const ref = await ctx.newPage();
  await accedi(ref, "cultura@cremona.example");
  await expect(ref).toHaveURL(/\/settore$/);
  const sezioneEdizione = ref.getByRole("region", { name: new RegExp(titolo) });
  await expect(sezioneEdizione.getByRole("link", { name: primo })).toBeVisible();
  await expect(sezioneEdizione.getByRole("link", { name: secondo })).toBeVisible();
  await expect(sezioneEdizione.getByText("30/06/2030").first()).toBeVisible();
  await ref.goto("/notifiche");
  await expect(ref.getByText(`2 nuove sezioni per il tuo settore in «${titolo}»`)).toBeVisible();
  await ctx.close();
});

test("un pacchetto con errori è rifiutato nella pagina di caricamento con i percorsi JSON, e non scrive nulla", async ({ page }) => {
  const u = unico();
  const titolo = `Pacchetto rotto ${u}`;
  const pacchetto = {
    formato: "bilancio-sociale/edizione@1",
    ente: { nome: "" },
    settori: [{ codice: "Non Va", nome: "Settore" }],
    edizione: { slug: "qualcosa", titolo: "Dal file", annoInizio: 2011, annoFine: 2012 },
    parti: [],
  };
  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/edizione/nuova");
  await scegli(page, "Da un pacchetto");
  await page.getByLabel("File del pacchetto (.json)").setInputFiles({ name: "rotto.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pacchetto)) });
  // Read in the browser: the package's own values fill the empty fields, and may be changed.
  await expect(page.getByLabel("Titolo")).toHaveValue("Dal file");
  await page.getByLabel("Titolo").fill(titolo);
  await page.getByLabel("Indirizzo").fill(`rotto-${u}`);
  await controllaAccessibilita(page);
  await page.getByRole("button", { name: "Crea l'edizione" }).click();

  const errori = page.getByRole("table", { name: "Errori nel pacchetto, con il loro percorso nel file" });
  await expect(errori).toBeVisible();
  for (const percorso of ["$.ente.nome", "$.settori[0].codice", "$.parti"]) await expect(errori.getByRole("cell", { name: percorso, exact: true })).toBeVisible();
  await expect(page.getByText("Il pacchetto «rotto.json» non è valido")).toBeVisible();
  // What was typed stays.
  await expect(page.getByLabel("Titolo")).toHaveValue(titolo);
  await expect(page).toHaveURL(/\/edizione\/nuova$/);
  await controllaAccessibilita(page);

  // Nothing was written: the edition list does not have it, its address does not exist.
  await page.goto("/edizione");
  await expect(page.getByRole("heading", { name: "Edizioni", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: titolo })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Dal file" })).toHaveCount(0);
  expect((await page.goto(`/edizione/rotto-${u}`))?.status()).toBe(404);
});

test("da un pacchetto valido nasce l'edizione; una pagina con contenuti si rimuove solo dopo la conferma e resta leggibile tra le sezioni rimosse", async ({ page }) => {
  const u = unico();
  // The demo's first part alone ("Presentazione": two pages, one block each), as a package of its own.
  const demo = JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8"));
  const pacchetto = { ...demo, edizione: { ...demo.edizione, slug: `dal-file-${u}`, titolo: `Dal file ${u}`, annoInizio: 2001, annoFine: 2003 }, parti: [demo.parti[0]] };
  const pagina = demo.parti[0].sezioni[0].titolo as string;
  await accedi(page, "coordinatore@cremona.example");
  await page.goto("/edizione/nuova");
  await scegli(page, "Da un pacchetto");
  await page.getByLabel("File del pacchetto (.json)").setInputFiles({ name: `presentazione-${u}.json`, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(pacchetto)) });
  await expect(page.getByLabel("Titolo")).toHaveValue(`Dal file ${u}`);
  await page.getByRole("button", { name: "Crea l'edizione" }).click();
  await expect(page).toHaveURL(new RegExp(`/edizione/dal-file-${u}/struttura$`), { timeout: 20_000 });

  // The first click only asks: the page has content.
  await page.getByRole("button", { name: `Rimuovi pagina «${pagina}»` }).click();
  const conferma = page.getByRole("group").filter({ hasText: "1 blocco" });
  await expect(conferma.getByRole("button", { name: "Rimuovi con il suo blocco" })).toBeFocused();
  await controllaAccessibilita(page);
  await conferma.getByRole("button", { name: "Annulla" }).click();
  await expect(page.getByRole("button", { name: `Rimuovi pagina «${pagina}»` })).toBeFocused();
  await page.getByRole("button", { name: `Rimuovi pagina «${pagina}»` }).click();
  await page.getByRole("button", { name: "Rimuovi con il suo blocco" }).click();
  await expect(page.getByRole("status").filter({ hasText: `«${pagina}» rimossa: il suo blocco e le revisioni sono conservati` })).toBeVisible();
  await expect(page.getByRole("heading", { name: pagina })).toHaveCount(0);

  // Its content is still there, read-only, without anyone at the database.
  await page.getByRole("link", { name: "Sezioni rimosse" }).click();
  await expect(page).toHaveURL(new RegExp(`/edizione/dal-file-${u}/struttura/rimosse$`));
  const archivio = page.getByRole("region", { name: pagina });
  await expect(archivio.getByText(/rimossa il .* da /)).toBeVisible();
  await archivio.getByText("Contenuto al momento della rimozione").click();
  await expect(archivio.locator("p").filter({ hasText: /\S{20,}/ }).first()).toBeVisible();
  await controllaAccessibilita(page);
});

test("un referente è respinto (403) sulle pagine e sulle azioni della configurazione", async ({ page }) => {
  await accedi(page, "istruzione@cremona.example");
  for (const indirizzo of ["/edizione/nuova", `/edizione/${PROSSIMA_EDIZIONE.slug}/struttura`, `/edizione/${PROSSIMA_EDIZIONE.slug}/assegnazioni`]) {
    const r = await page.goto(indirizzo);
    expect(r?.status(), indirizzo).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accesso non consentito");
  }
  await page.goto("/edizione");
  await expect(page.getByRole("link", { name: "Nuova edizione" })).toHaveCount(0);

  // A hand-made call to the move action, with a valid session: refused, nothing moves.
  const d = openDatabase("data/e2e.sqlite");
  const posizione = () => {
    const ed = d.select().from(editions).where(eq(editions.slug, PROSSIMA_EDIZIONE.slug)).get()!;
    return d.select({ id: parts.id, posizione: parts.posizione }).from(parts).where(eq(parts.editionId, ed.id)).orderBy(parts.posizione).all();
  };
  try {
    const prima = posizione();
    const risposta = await azioneContraffatta(page, `/edizione/${PROSSIMA_EDIZIONE.slug}/struttura`, "spostaStrutturaAction", { elemento: "parte", id: prima[0].id, direzione: "giu" });
    expect(await risposta.text()).toContain("Solo il coordinamento gestisce l'edizione.");
    expect(posizione()).toEqual(prima);
  } finally {
    d.$client.close();
  }
});

test("referente e lettore: ogni azione della configurazione, chiamata a mano, è negata e non cambia nulla", async ({ browser }) => {
  const u = unico();
  const segno = `Contraffatto ${u}`;
  const d = openDatabase("data/e2e.sqlite");
  const bersagli = () => {
    const ed = d.select().from(editions).where(eq(editions.slug, PROSSIMA_EDIZIONE.slug)).get()!;
    const parte = d.select().from(parts).where(eq(parts.editionId, ed.id)).orderBy(parts.posizione).get()!;
    const idParti = d.select({ id: parts.id }).from(parts).where(eq(parts.editionId, ed.id)).all().map((p) => p.id);
    const area = d.select().from(areas).where(inArray(areas.partId, idParti)).get()!;
    const sezione = d.select().from(sections).where(eq(sections.editionId, ed.id)).orderBy(sections.posizione).get()!;
    return { ed, parte, area, sezione };
  };
  // What these forged requests aim at, compared before and after (other journeys run beside this one: only these rows).
  const stato = () => {
    const { ed, parte, area, sezione } = bersagli();
    const lettore = d.select().from(users).where(eq(users.email, "lettore@cremona.example")).get()!;
    return {
      lettore: [lettore.nome, lettore.attivo, d.select().from(roleMemberships).where(eq(roleMemberships.userId, lettore.id)).all().map((r) => r.ruolo)],
      istruzione: d.select().from(settori).where(eq(settori.codice, "istruzione")).get(),
      parti: d.select().from(parts).where(eq(parts.editionId, ed.id)).all().map((x) => [x.id, x.titolo, x.posizione]),
      bersagli: [parte.titolo, area.titolo, sezione.titolo, sezione.settoreId],
      nuovi: [
        d.select().from(users).where(eq(users.email, `x-${u}@cremona.example`)).all().length,
        d.select().from(settori).where(eq(settori.codice, `x-${u}`)).all().length,
        d.select().from(editions).where(eq(editions.slug, `x-${u}`)).all().length,
        d.select().from(parts).where(eq(parts.titolo, segno)).all().length,
      ],
    };
  };
  try {
    const { ed, parte, area, sezione } = bersagli();
    const lettore = d.select().from(users).where(eq(users.email, "lettore@cremona.example")).get()!;
    const settore = d.select().from(settori).where(eq(settori.codice, "istruzione")).get()!;
    const csv = { name: "persone.csv", mimeType: "text/csv", buffer: Buffer.from(`nome,email,ruolo,settore\n${segno},x-${u}@cremona.example,lettore,\n`) };
    const moduli: [string, Record<string, unknown>][] = [
      ["creaUtenteAction", { nome: segno, email: `x-${u}@cremona.example`, ruolo: "amministratore" }],
      ["modificaUtenteAction", { userId: lettore.id, nome: segno, email: lettore.email }],
      ["aggiungiRuoloAction", { userId: lettore.id, ruolo: "amministratore" }],
      ["importaUtentiAction", { modalita: "importa", file: csv }],
      ["creaSettoreAction", { codice: `x-${u}`, nome: segno }],
      ["rinominaSettoreAction", { settoreId: settore.id, nome: segno }],
      ["creaEdizioneAction", { origine: "vuota", titolo: segno, slug: `x-${u}`, annoInizio: "1990", annoFine: "1992" }],
      ["aggiungiStrutturaAction", { elemento: "parte", editionId: ed.id, titolo: segno }],
      ["modificaStrutturaAction", { elemento: "parte", id: parte.id, titolo: segno }],
      ["assegnaSezioniAction", { modalita: "gruppo", tipo: "edizione", editionId: ed.id, versioni: "[]", settoreId: settore.id, scadenza: "2030-01-01" }],
    ];
    const semplici: [string, Record<string, unknown>][] = [
      ["riattivaUtenteAction", { userId: lettore.id }],
      ["riattivaSettoreAction", { settoreId: settore.id }],
      ["disattivaSettoreAction", { settoreId: settore.id }],
      ["rimuoviStrutturaAction", { elemento: "area", id: area.id }],
      ["spostaStrutturaAction", { elemento: "parte", id: parte.id, direzione: "giu" }],
      ["rimuoviStrutturaAction", { elemento: "sezione", id: sezione.id, confermaBlocchi: 999 }],
    ];
    const prima = stato();
    for (const email of ["istruzione@cremona.example", "lettore@cremona.example"]) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await accedi(page, email);
      for (const [nome, input] of moduli) {
        const testo = await (await azioneContraffatta(page, "/", nome, input, true)).text();
        expect(testo, `${email} ${nome}`).toContain('"tipo":"negato"');
      }
      for (const [nome, input] of semplici) {
        const testo = await (await azioneContraffatta(page, "/", nome, input)).text();
        expect(testo, `${email} ${nome}`).toContain('"tipo":"negato"');
      }
      await ctx.close();
    }
    expect(stato()).toEqual(prima);
  } finally {
    d.$client.close();
  }
});
