import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { and, eq } from "drizzle-orm";
import { openDatabase, type Db } from "../db/open";
import { PROSSIMA_EDIZIONE } from "../db/demo/edizioni";
import { auditLog, blocks, editions, mailOutbox, sections } from "../db/schema";
import { readFileSync } from "node:fs";
import type { Ruolo } from "../lib/ruoli";
import { ultimoLink } from "./posta";

export const PASSWORD = process.env.E2E_DEMO_PASSWORD!;
const db = () => openDatabase("data/e2e.sqlite");

/** Reads the e2e database to check what the app did (never to change it). */
export function leggiDb<T>(f: (d: Db) => T): T {
  const d = db();
  try {
    return f(d);
  } finally {
    d.$client.close();
  }
}

/**
 * Tests work on the demo's edition in preparation (2014–2016 is published and
 * locked); section codes repeat across editions, so every lookup names it.
 */
const diLavoro = (d: Db, codice: string, edizione: string = PROSSIMA_EDIZIONE.slug) =>
  and(eq(sections.codice, codice), eq(sections.editionId, d.select({ id: editions.id }).from(editions).where(eq(editions.slug, edizione)).get()!.id));

/** Fills and sends the login form; the outcome is for the caller to check. */
export async function tentaAccesso(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Accedi" }).click();
}

/** Logs in and waits until the user has left the login page. */
export async function accedi(page: Page, email: string, password = PASSWORD) {
  await tentaAccesso(page, email, password);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function esci(page: Page) {
  await page.getByRole("button", { name: "Esci" }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** No serious or critical accessibility violation on the current page. */
export async function controllaAccessibilita(page: Page) {
  const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const gravi = r.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(gravi.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`)).toEqual([]);
}

export function idSezione(codice: string, edizione: string = PROSSIMA_EDIZIONE.slug): number {
  const d = db();
  try {
    return d.select({ id: sections.id }).from(sections).where(diLavoro(d, codice, edizione)).get()!.id;
  } finally {
    d.$client.close();
  }
}

/**
 * A fresh account for tests that change or lock it, so demo users stay usable — made
 * as a Comune makes one: the amministratore invites the person from their screen, the
 * invitation arrives as mail, and its link sets the password. Returns the person's
 * page in the amministrazione, for tests that change their roles there.
 */
export async function creaUtente(browser: Browser, email: string, password: string, ruolo: Exclude<Ruolo, "referente">): Promise<string> {
  const contesto = await browser.newContext();
  try {
    const admin = await contesto.newPage();
    await accedi(admin, "amministratore@cremona.example");
    await admin.goto("/amministrazione/utenti/nuovo");
    await admin.getByLabel("Nome e cognome").fill(`Prova ${ruolo}`);
    await admin.getByLabel("Email").fill(email);
    await admin.getByLabel("Ruolo", { exact: true }).selectOption(ruolo);
    await admin.getByRole("button", { name: "Crea e invia l'invito" }).click();
    await expect(admin).toHaveURL(/\/amministrazione\/utenti\/\d+\?invitato=1$/);
    const scheda = new URL(admin.url()).pathname;
    await admin.context().clearCookies();
    // The worker sends the outbox every few seconds: wait for the mail as a person would.
    await expect.poll(() => ultimoLink(email, "invito"), { timeout: 60_000, intervals: [1000] }).not.toBeNull();
    await admin.goto(ultimoLink(email, "invito")!);
    await admin.getByLabel("Nuova password").fill(password);
    await admin.getByLabel("Ripeti la password").fill(password);
    await admin.getByRole("button", { name: "Attiva l'account" }).click();
    await expect(admin).toHaveURL(/\/login/);
    return scheda;
  } finally {
    await contesto.close();
  }
}

/** Takes a role away from a person, on their page in the amministrazione. */
export async function togliRuolo(browser: Browser, scheda: string, etichettaRuolo: string) {
  const contesto = await browser.newContext();
  try {
    const admin = await contesto.newPage();
    await accedi(admin, "amministratore@cremona.example");
    await admin.goto(scheda);
    await admin.getByRole("button", { name: `Togli il ruolo ${etichettaRuolo}` }).click();
    await expect(admin.getByRole("button", { name: `Togli il ruolo ${etichettaRuolo}` })).toHaveCount(0);
  } finally {
    await contesto.close();
  }
}

/** The audit actions recorded for one user, oldest first. */
export function azioniRegistrate(email: string): string[] {
  const d = db();
  try {
    return d.select({ azione: auditLog.azione }).from(auditLog).where(eq(auditLog.attore, email)).orderBy(auditLog.id).all().map((r) => r.azione);
  } finally {
    d.$client.close();
  }
}

/** The id Next.js gives a server action, read from the production build, to forge requests as an attacker would. */
export function idAzione(nome: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const voce = Object.entries(manifest.node).find(([, v]) => v.exportedName === nome);
  if (!voce) throw new Error(`Azione ${nome} non trovata nel manifest`);
  return voce[0];
}

type CampoModulo = string | { name: string; mimeType: string; buffer: Buffer };

/**
 * A server action called by hand, with the page's valid session, as an attacker
 * would: JSON arguments for a plain action, or — `modulo` — the multipart body React
 * sends for a form action of `useActionState` (previous state null, then the FormData).
 */
export function azioneContraffatta(page: Page, percorso: string, nome: string, input: Record<string, unknown>, modulo = false) {
  const headers = { "Next-Action": idAzione(nome), Accept: "text/x-component" };
  if (!modulo) return page.request.post(percorso, { headers: { ...headers, "Content-Type": "text/plain;charset=UTF-8" }, data: JSON.stringify([input]) });
  // A FormData keeps the order (an object would put the key "0" first): the root goes last, as React
  // sends it, because the server gathers the form's fields as they stream in before it.
  const multipart = new FormData();
  for (const [k, v] of Object.entries(input)) {
    if (typeof v === "object" && v !== null && "buffer" in v) {
      const f = v as Exclude<CampoModulo, string>;
      multipart.append(`_1_${k}`, new File([new Uint8Array(f.buffer)], f.name, { type: f.mimeType }));
    } else multipart.append(`_1_${k}`, String(v));
  }
  multipart.append("0", JSON.stringify([null, "$K1"]));
  return page.request.post(percorso, { headers, multipart });
}

export function bloccoDb(id: number): { version: number; payload: unknown } {
  const d = db();
  try {
    return d.select({ version: blocks.version, payload: blocks.payload }).from(blocks).where(eq(blocks.id, id)).get()!;
  } finally {
    d.$client.close();
  }
}

/** Changes a block behind the app's back, as a careless script would. */
export function ritoccaBloccoDb(id: number, cambia: (payload: Record<string, unknown>) => Record<string, unknown>) {
  const d = db();
  try {
    const b = d.select({ payload: blocks.payload }).from(blocks).where(eq(blocks.id, id)).get()!;
    d.update(blocks).set({ payload: cambia(b.payload as Record<string, unknown>) }).where(eq(blocks.id, id)).run();
  } finally {
    d.$client.close();
  }
}

/** The blocks of a section in order, straight from the database. */
export function blocchiDb(sectionId: number): { id: number; tipo: string; version: number; payload: unknown }[] {
  const d = db();
  try {
    return d.select({ id: blocks.id, tipo: blocks.tipo, version: blocks.version, payload: blocks.payload }).from(blocks).where(eq(blocks.sectionId, sectionId)).orderBy(blocks.posizione).all();
  } finally {
    d.$client.close();
  }
}

/** Empties a section of the working edition: tests that build a section from nothing start here (the demo's are full). */
export function svuotaSezione(codice: string) {
  const d = db();
  try {
    const id = d.select({ id: sections.id }).from(sections).where(diLavoro(d, codice)).get()!.id;
    d.delete(blocks).where(eq(blocks.sectionId, id)).run();
  } finally {
    d.$client.close();
  }
}

export function statoSezione(codice: string, edizione: string = PROSSIMA_EDIZIONE.slug): string {
  const d = db();
  try {
    return d.select({ stato: sections.stato }).from(sections).where(diLavoro(d, codice, edizione)).get()!.stato;
  } finally {
    d.$client.close();
  }
}

/** Mails waiting in the outbox or sent, for one recipient: their subjects. */
export function postaPer(email: string): string[] {
  const d = db();
  try {
    return d.select({ oggetto: mailOutbox.oggetto }).from(mailOutbox).where(eq(mailOutbox.destinatario, email)).orderBy(mailOutbox.id).all().map((r) => r.oggetto);
  } finally {
    d.$client.close();
  }
}
