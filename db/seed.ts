/**
 * Seeding the demo: the one place in db/ that calls the app's services. The
 * Cremona 2014–2016 package is imported approved, the demo accounts are created,
 * then the demo's whole life is played through the same services the app uses (so
 * every step has its audit row): the edition is sent for signature, signed by the
 * demo Assessore and published; the next edition is carried forward from it, and
 * a few of its sections are moved along so that each role finds work waiting.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client";
import { blocks, editions, sections, settori, users, valutazioni } from "./schema";
import { creaUtentiDemo, UTENTI_DEMO } from "./demo-users";
import { EDIZIONE_PUBBLICATA, PROSSIMA_EDIZIONE, SEZIONI_DEMO } from "./demo/edizioni";
import { caricaUtente } from "../lib/auth/actor";
import { inTransazione, type Chi } from "../lib/servizio";
import { importaPacchetto } from "../lib/edition-package/import";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PacchettoInput } from "../lib/edition-package/schema";
import { avviaNuovaEdizione } from "../lib/editions/carry-forward";
import { firma, inviaAllaFirma, pubblica } from "../lib/editions/lifecycle";
import { aggiungiCommento, eseguiTransizione } from "../lib/review/service";
import { ascoltoDemo } from "./demo/ascolto";
import { avvisaNuoviCommenti, gestisciCommento, nascondiSpam } from "../lib/ascolto/service";
import { pubblicazione } from "../lib/publication/queries";

/**
 * The package as the Giunta approved it in 2017: every section approved. The
 * file itself keeps sections in bozza, the transcription to work on.
 */
export function approvato(pacchetto: PacchettoInput): PacchettoInput {
  const approva = <T extends { stato?: string }>(s: T): T => ({ ...s, stato: "approvata" });
  return {
    ...pacchetto,
    parti: pacchetto.parti.map((parte) => ({
      ...parte,
      sezioni: parte.sezioni.map(approva),
      aree: parte.aree.map((a) => ({ ...a, ambiti: a.ambiti.map((b) => ({ ...b, sezione: approva(b.sezione) })) })),
    })),
  };
}

function chi(db: Db, email: string): Chi {
  const u = db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  const utente = u && caricaUtente(db, u.id);
  if (!utente) throw new Error(`Utente demo ${email} assente`);
  return { userId: utente.id, email: utente.email, attore: utente.attore };
}

function ok<T extends { ok: boolean }>(passo: string, esito: T): Extract<T, { ok: true }> {
  if (!esito.ok) throw new Error(`Demo, ${passo}: ${(esito as unknown as { messaggio: string }).messaggio}`);
  return esito as Extract<T, { ok: true }>;
}

function sezione(db: Db, editionId: number, codice: string) {
  return db.select().from(sections).where(and(eq(sections.editionId, editionId), eq(sections.codice, codice))).get()!;
}

/**
 * Records the demo's ratings and comments of a published edition as the widget would
 * (the coordinator's bell included), then lets the coordinator handle some and hide
 * the spam through the app's services, each with its audit row.
 */
export function seminaAscoltoDemo(db: Db, slug: string, coordinatore: Chi, adesso: Date = new Date()): { valutazioni: number; commenti: number } {
  const pub = pubblicazione(db, slug);
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get();
  if (!pub || !ed) throw new Error(`Demo, ascolto: l'edizione ${slug} non è pubblicata`);
  const demo = ascoltoDemo(pub.dati, ed.id, pub.revisione, adesso);
  const ids = inTransazione(db, (tx) => {
    if (demo.valutazioni.length) tx.insert(valutazioni).values(demo.valutazioni).run();
    const nuovi = tx.insert(valutazioni).values(demo.commenti).returning({ id: valutazioni.id }).all().map((r) => r.id);
    avvisaNuoviCommenti(tx);
    return nuovi;
  });
  demo.gestione.forEach((g, i) => {
    if (g.tipo === "spam") ok("commento nascosto", nascondiSpam(db, coordinatore, { id: ids[i] }));
    if (g.tipo === "gestito") ok("commento gestito", gestisciCommento(db, coordinatore, { id: ids[i], nota: g.nota }));
  });
  return { valutazioni: demo.valutazioni.length + demo.commenti.length, commenti: demo.commenti.length };
}

export async function viviDemo(db: Db, password: string): Promise<void> {
  const email = (ruolo: string) => UTENTI_DEMO.find((u) => u.ruolo === ruolo)!.email;
  const coordinatore = chi(db, email("coordinatore"));
  const assessore = chi(db, email("assessore"));

  // 2014–2016: every section is approved in the package; freeze, sign, publish.
  const ed = db.select().from(editions).where(eq(editions.slug, EDIZIONE_PUBBLICATA)).get()!;
  const inviata = ok("invio alla firma", inviaAllaFirma(db, coordinatore, { editionId: ed.id, version: ed.version }));
  ok("firma", await firma(db, assessore, { editionId: ed.id, sha256Mostrato: inviata.sha256, password }));
  const firmata = db.select().from(editions).where(eq(editions.id, ed.id)).get()!;
  ok("pubblicazione", pubblica(db, coordinatore, { editionId: ed.id, version: firmata.version }));
  // Citizens rate its pages and comment; the coordinator handles a few (db/demo/ascolto.ts).
  seminaAscoltoDemo(db, EDIZIONE_PUBBLICATA, coordinatore);

  // The next edition starts from the published one.
  const nuova = ok("nuova edizione", avviaNuovaEdizione(db, coordinatore, { da: EDIZIONE_PUBBLICATA, ...PROSSIMA_EDIZIONE }));

  // Work in progress: one section waiting for review, one sent back with a remark, one approved.
  const referenteDi = (settoreId: number) => {
    const codice = db.select({ codice: settori.codice }).from(settori).where(eq(settori.id, settoreId)).get()!.codice;
    return chi(db, UTENTI_DEMO.find((u) => u.settore === codice)!.email);
  };
  const invia = (codice: string) => {
    const s = sezione(db, nuova.editionId, codice);
    const r = referenteDi(s.settoreId);
    return ok(`invio di ${codice}`, eseguiTransizione(db, r, { sectionId: s.id, version: s.version, azione: "invia", confermaAvvisi: true }));
  };
  invia(SEZIONI_DEMO.inviata);

  invia(SEZIONI_DEMO.daRivedere);
  const daRivedere = sezione(db, nuova.editionId, SEZIONI_DEMO.daRivedere);
  const primo = db.select().from(blocks).where(and(eq(blocks.sectionId, daRivedere.id), eq(blocks.tipo, "indicatore"))).orderBy(asc(blocks.posizione)).get();
  if (primo) {
    ok("commento", aggiungiCommento(db, coordinatore, { sectionId: daRivedere.id, blockId: primo.id, campo: "valore", testo: "Il valore è ancora quello del 2016: aggiornalo con il dato più recente." }));
  }
  ok("richiesta di modifiche", eseguiTransizione(db, coordinatore, { sectionId: daRivedere.id, version: daRivedere.version, azione: "richiedi_modifiche", messaggio: "Aggiornare i dati al 2017 prima dell'approvazione." }));

  invia(SEZIONI_DEMO.approvata);
  const daApprovare = sezione(db, nuova.editionId, SEZIONI_DEMO.approvata);
  ok("approvazione", eseguiTransizione(db, coordinatore, { sectionId: daApprovare.id, version: daApprovare.version, azione: "approva" }));
}

const PACCHETTO_DEMO = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/demo/cremona-2014-2016.json");

/**
 * The whole demo on a freshly migrated database: the package (approved), the
 * accounts with `password`, and the demo's life. Throws if any step fails.
 */
export async function seminaDemo(db: Db, password: string) {
  const esito = importaPacchetto(db, approvato(JSON.parse(readFileSync(PACCHETTO_DEMO, "utf8"))), { userId: null, attore: "db:reset" });
  if (!esito.ok) throw new Error(esito.errori.map((e) => `${e.percorso}: ${e.messaggio}`).join("\n"));
  const account = await creaUtentiDemo(db, password);
  await viviDemo(db, password);
  return { sezioni: esito.sezioni, blocchi: esito.blocchi, account };
}
