/**
 * The edition's lifecycle: in preparazione → in firma → firmata → pubblicata,
 * and the erratum that corrects a published edition. Each step checks the
 * policy and the edition's version, and writes its change, its audit row and
 * its notifications in one transaction.
 *
 * What the Assessore signs is the canonical open data frozen by "Invia alla
 * firma"; what is published is that same text, byte for byte. The database
 * holds the links (drizzle/0003): a signature carries the frozen hash, a
 * publication the signed hash. Nobody signs in the Assessore's place (drizzle/0010,
 * lib/editions/firmatario.ts): the signer holds the Assessore role through a grant
 * made by someone else, no amministratore or coordinatore role, and did not send the
 * edition for signature; the signature records them as they are at that moment.
 */
import { and, count, desc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { editions, publications, sections, signatures, sitiPubblicati, users } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import { registra } from "../audit/registra";
import { verifyPassword } from "../auth/password";
import { FINESTRA_MINUTI, inizioFinestra, MAX_FALLITI_PER_ACCOUNT } from "../auth/throttle";
import { inTransazione, type Chi, type Esito } from "../servizio";
import { scriviPacchetto } from "../edition-package/import";
import { conRuolo, notifica, referentiEdizione } from "../notifications/avvisi";
import { decidi, type AzioneEdizione } from "../policy";
import { transizioneEdizione, type PassoEdizione } from "../workflow";
import { serializzaCanonico } from "../publication/canonical";
import { sha256 } from "../sha256";
import { costruisciDati, pacchettoDaDati, type DatiEdizione } from "../publication/dati";
import { firmatarioAdesso } from "./firmatario";
import { pubblicazione } from "../publication/queries";
import type { Edizione } from "./queries";

export type EsitoEdizione<T = object> =
  | Esito<T>
  | { ok: false; tipo: "sezioni_non_approvate"; messaggio: string; mancanti: number }
  | { ok: false; tipo: "password_errata"; messaggio: string }
  | { ok: false; tipo: "contenuto_cambiato"; messaggio: string };

/** The public address of an edition: an erratum is published under the edition it corrects. */
export function slugPubblico(tx: Tx, ed: Pick<Edizione, "slug" | "correggeId">): string {
  if (!ed.correggeId) return ed.slug;
  return tx.select({ slug: editions.slug }).from(editions).where(eq(editions.id, ed.correggeId)).get()!.slug;
}

/** The canonical open data of the edition as its tables hold it now, with its hash. */
export function istantanea(tx: Tx, ed: Edizione): { dati: DatiEdizione; testo: string; sha256: string } {
  const dati = costruisciDati(tx, ed.slug, { slug: slugPubblico(tx, ed), revisione: ed.revisione })!;
  const testo = serializzaCanonico(dati);
  return { dati, testo, sha256: sha256(testo) };
}

/** Loads the edition and applies the policy and the version guard shared by every step. */
function prepara(tx: Tx, chi: Chi, azione: AzioneEdizione, editionId: number, version?: number): { ok: true; ed: Edizione } | Extract<EsitoEdizione, { ok: false }> {
  const ed = tx.select().from(editions).where(eq(editions.id, editionId)).get();
  if (!ed) return { ok: false, tipo: "non_trovato", messaggio: "Edizione non trovata." };
  const d = decidi(chi.attore, azione, { stato: ed.stato, inviataFirmaDa: ed.inviataFirmaDa });
  if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
  if (version !== undefined && ed.version !== version) {
    return { ok: false, tipo: "conflitto", corrente: null, messaggio: "L'edizione è cambiata nel frattempo: ricarica la pagina e riprova." };
  }
  return { ok: true, ed };
}

/** Takes a lifecycle step: the new state is the transition table's (lib/workflow.ts), never written here. */
function cambiaStato(tx: Tx, ed: Edizione, passo: PassoEdizione, valori: Partial<Pick<Edizione, "datiJson" | "sha256" | "inviataFirmaDa">> = {}): void {
  tx.update(editions)
    .set({ ...valori, stato: transizioneEdizione(passo).a, version: ed.version + 1, updatedAt: new Date().toISOString() })
    .where(eq(editions.id, ed.id))
    .run();
}

const link = (ed: Pick<Edizione, "slug">) => `/edizione/${ed.slug}`;

/** Coordinator: freeze the content for signature. Every section must be approved. */
export function inviaAllaFirma(db: Db, chi: Chi, input: { editionId: number; version: number }): EsitoEdizione<{ sha256: string }> {
  return inTransazione(db, (tx) => {
    const p = prepara(tx, chi, "edizione.invia_firma", input.editionId, input.version);
    if (!p.ok) return p;
    const { ed } = p;
    const mancanti = tx.select({ n: count() }).from(sections).where(and(eq(sections.editionId, ed.id), ne(sections.stato, "approvata"))).get()!.n;
    if (mancanti > 0) {
      return { ok: false, tipo: "sezioni_non_approvate", mancanti, messaggio: `Per inviare alla firma tutte le sezioni devono essere approvate: ne mancano ${mancanti}.` };
    }
    const snap = istantanea(tx, ed);
    cambiaStato(tx, ed, "invia_firma", { datiJson: snap.testo, sha256: snap.sha256, inviataFirmaDa: chi.userId });
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.invia_firma", editionId: ed.id, dettagli: { sha256: snap.sha256, revisione: ed.revisione } });
    notifica(tx, {
      userIds: conRuolo(tx, "assessore"),
      oggetto: `Da firmare: «${ed.titolo}»${ed.revisione > 1 ? ` (revisione ${ed.revisione})` : ""}`,
      testo: `Il coordinamento ha inviato alla firma «${ed.titolo}». Leggi il testo completo e firma con la tua password, oppure rimandalo con un motivo.`,
      link: link(ed),
    });
    return { ok: true, sha256: snap.sha256 };
  });
}

/** Coordinator: take back an edition awaiting signature, to change it. */
export function ritiraDallaFirma(db: Db, chi: Chi, input: { editionId: number; version: number; motivo: string }): EsitoEdizione {
  return inTransazione(db, (tx) => {
    const p = prepara(tx, chi, "edizione.ritira", input.editionId, input.version);
    if (!p.ok) return p;
    cambiaStato(tx, p.ed, "ritira", { datiJson: null, sha256: null, inviataFirmaDa: null });
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.ritira", editionId: p.ed.id, dettagli: { motivo: input.motivo, sha256: p.ed.sha256 } });
    notifica(tx, {
      userIds: conRuolo(tx, "assessore"),
      oggetto: `Ritirata dalla firma: «${p.ed.titolo}»`,
      testo: `Il coordinamento ha ritirato l'edizione dalla firma. Motivo: ${input.motivo}`,
      link: link(p.ed),
    });
    return { ok: true };
  });
}

/** Assessore: send the edition back to the coordinator with a reason. */
export function rimandaAlCoordinamento(db: Db, chi: Chi, input: { editionId: number; version: number; motivo: string }): EsitoEdizione {
  return inTransazione(db, (tx) => {
    const p = prepara(tx, chi, "edizione.rimanda", input.editionId, input.version);
    if (!p.ok) return p;
    cambiaStato(tx, p.ed, "rimanda", { datiJson: null, sha256: null, inviataFirmaDa: null });
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.rimanda", editionId: p.ed.id, dettagli: { motivo: input.motivo, sha256: p.ed.sha256 } });
    notifica(tx, {
      userIds: conRuolo(tx, "coordinatore"),
      oggetto: `Firma rimandata: «${p.ed.titolo}»`,
      testo: `L'Assessore ha rimandato l'edizione al coordinamento. Motivo: ${input.motivo}`,
      link: link(p.ed),
    });
    return { ok: true };
  });
}

/**
 * Assessore: sign what was shown. The password is checked again (a session
 * left open is not a signature); the hash shown must be the frozen one, and
 * the tables must still produce it, or nothing is signed.
 */
export async function firma(db: Db, chi: Chi, input: { editionId: number; sha256Mostrato: string; password: string }): Promise<EsitoEdizione<{ sha256: string }>> {
  // The signing form is a password oracle too: the login's limit applies (failed signatures, per account, in the window).
  const falliti = vociAudit(db, { azioni: ["edizione.firma_rifiutata"], userId: chi.userId, dopo: inizioFinestra() }).filter((v) => v.dettagli?.motivo === "password errata").length;
  if (falliti >= MAX_FALLITI_PER_ACCOUNT) {
    return { ok: false, tipo: "password_errata", messaggio: `Troppi tentativi con la password errata: riprova tra ${FINESTRA_MINUTI} minuti.` };
  }
  const utente = db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, chi.userId)).get();
  const passwordOk = !!utente && (await verifyPassword(utente.hash, input.password));
  return inTransazione(db, (tx) => {
    const p = prepara(tx, chi, "edizione.firma", input.editionId);
    if (!p.ok) return p;
    const { ed } = p;
    // Read inside the transaction: the roles and the grant as they are when the signature is written.
    const chiFirma = firmatarioAdesso(tx, chi.userId, ed);
    if (!chiFirma.ok) return { ok: false, tipo: "negato", messaggio: chiFirma.messaggio };
    if (!passwordOk) {
      registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.firma_rifiutata", editionId: ed.id, dettagli: { motivo: "password errata" } });
      return { ok: false, tipo: "password_errata", messaggio: "Password non corretta: l'edizione non è stata firmata." };
    }
    const attuale = istantanea(tx, ed);
    if (input.sha256Mostrato !== ed.sha256 || attuale.sha256 !== ed.sha256) {
      registra(tx, {
        userId: chi.userId,
        attore: chi.email,
        azione: "edizione.firma_rifiutata",
        editionId: ed.id,
        dettagli: { motivo: "contenuto cambiato", mostrato: input.sha256Mostrato, congelato: ed.sha256, attuale: attuale.sha256 },
      });
      return {
        ok: false,
        tipo: "contenuto_cambiato",
        messaggio: "Il contenuto è cambiato dopo che l'hai aperto: la firma non è stata apposta. Rileggi l'edizione e, se la approvi, firma di nuovo.",
      };
    }
    tx.insert(signatures).values({ editionId: ed.id, revisione: ed.revisione, ...chiFirma.firmatario, sha256: ed.sha256! }).run();
    cambiaStato(tx, ed, "firma");
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.firma", editionId: ed.id, dettagli: { sha256: ed.sha256, revisione: ed.revisione } });
    notifica(tx, {
      userIds: conRuolo(tx, "coordinatore"),
      oggetto: `Edizione firmata: «${ed.titolo}»`,
      testo: "L'Assessore ha firmato l'edizione: ora il coordinamento può pubblicarla.",
      link: link(ed),
    });
    return { ok: true, sha256: ed.sha256! };
  });
}

/** Coordinator: publish the signed snapshot as revision n of the public edition. */
export function pubblica(db: Db, chi: Chi, input: { editionId: number; version: number }): EsitoEdizione<{ slug: string; revisione: number }> {
  return inTransazione(db, (tx) => {
    const p = prepara(tx, chi, "edizione.pubblica", input.editionId, input.version);
    if (!p.ok) return p;
    const { ed } = p;
    const firmaRow = tx.select().from(signatures).where(and(eq(signatures.editionId, ed.id), eq(signatures.revisione, ed.revisione))).orderBy(desc(signatures.id)).get();
    if (!firmaRow || firmaRow.sha256 !== ed.sha256) return { ok: false, tipo: "negato", messaggio: "Manca la firma del contenuto congelato." };
    const pubblicaId = ed.correggeId ?? ed.id;
    const pubblicata = tx
      .insert(publications)
      .values({ editionId: pubblicaId, revisione: ed.revisione, datiJson: ed.datiJson!, sha256: ed.sha256!, signatureId: firmaRow.id, modifiche: ed.modifiche })
      .returning({ id: publications.id })
      .get();
    // Its files (pages, PDF, ZIP) are made in the background once this commits (lib/sito/coda.ts).
    tx.insert(sitiPubblicati).values({ publicationId: pubblicata.id }).run();
    cambiaStato(tx, ed, "pubblica");
    const slug = slugPubblico(tx, ed);
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "edizione.pubblica", editionId: ed.id, dettagli: { slug, revisione: ed.revisione, sha256: ed.sha256 } });
    notifica(tx, {
      userIds: [...conRuolo(tx, "coordinatore"), ...conRuolo(tx, "assessore"), ...referentiEdizione(tx, ed.id)],
      oggetto: ed.revisione > 1 ? `Pubblicata la revisione ${ed.revisione} di «${ed.titolo}»` : `Pubblicata «${ed.titolo}»`,
      testo: `L'edizione è pubblicata ed è consultabile da tutti all'indirizzo /edizioni/${slug}.`,
      link: `/edizioni/${slug}`,
    });
    return { ok: true, slug, revisione: ed.revisione };
  });
}

/**
 * Coordinator: start a correction of a published edition. It is worked on as
 * a new edition row holding the latest published content, every section
 * approved: the coordinator reopens those to correct, and the usual review,
 * signature and publication make it revision n+1.
 */
export function avviaErrata(db: Db, chi: Chi, input: { slug: string; motivo: string }): EsitoEdizione<{ editionId: number; slug: string; revisione: number }> {
  return inTransazione(db, (tx) => {
    const radice = tx.select().from(editions).where(eq(editions.slug, input.slug)).get();
    if (!radice || radice.correggeId) return { ok: false, tipo: "non_trovato", messaggio: "Edizione pubblicata non trovata." };
    const d = decidi(chi.attore, "edizione.errata", { stato: radice.stato });
    if (!d.consentito) return { ok: false, tipo: "negato", messaggio: d.motivo };
    const aperta = tx.select({ slug: editions.slug }).from(editions).where(and(eq(editions.correggeId, radice.id), ne(editions.stato, "pubblicata"))).get();
    if (aperta) return { ok: false, tipo: "negato", messaggio: "C'è già una correzione in corso per questa edizione: completala prima di avviarne un'altra." };
    const ultima = pubblicazione(tx, radice.slug);
    if (!ultima) return { ok: false, tipo: "non_trovato", messaggio: "L'edizione non ha pubblicazioni." };
    const revisione = ultima.ultimaRevisione + 1;
    const slug = `${radice.slug}-revisione-${revisione}`;
    const pacchetto = pacchettoDaDati(ultima.dati, { slug, titolo: radice.titolo, annoInizio: radice.annoInizio, annoFine: radice.annoFine }, "approvata");
    const r = scriviPacchetto(tx, pacchetto, { userId: chi.userId, attore: chi.email }, { correggeId: radice.id, revisione, modifiche: input.motivo });
    return { ok: true, editionId: r.editionId, slug, revisione };
  });
}
