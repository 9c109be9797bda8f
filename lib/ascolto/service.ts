/**
 * Listening to citizens: recording a rating from a public page (no account, no
 * cookie), and what the coordination does with it — handle a comment with a note,
 * hide it as spam, publish the aggregate as open data — plus the daily job (digest
 * mail, contact emails erased after GIORNI_EMAIL days).
 *
 * Contact emails live only as long as they are needed: handling a comment or hiding
 * it as spam erases its email in the same transaction, and the daily job erases any
 * older than GIORNI_EMAIL days.
 */
import "server-only";
import { and, count, desc, eq, inArray, isNotNull, lt, ne, gt } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { editions, notifications, valutazioni, valutazioniPubblicate } from "../../db/schema";
import { vociAudit } from "../audit/leggi";
import { registra } from "../audit/registra";
import { conRuolo, notifica } from "../notifications/avvisi";
import { oggiRoma } from "../numbers/calendario";
import { indiceEdizione } from "../publication/indice";
import { pubblicazione } from "../publication/queries";
import { erroriDaZod, inTransazione, nonTrovato, nonValido, senzaPermesso, type Chi, type ErroreCampo, type Esito } from "../servizio";
import { sha256 } from "../sha256";
import { z } from "../zod-it";
import { csvValutazioni } from "./dati-aperti";
import { etichettaMotivo, GIORNI_EMAIL, MAX_NOTA } from "./domande";
import { hashIndirizzo, limiteRaggiunto } from "./limite";
import { leggiInvio, verificaGettone, type PaginaModulo } from "./modulo";
import { indirizzoPagina, risolviPercorso } from "./pagine";

// ---- A citizen's rating

export interface ContestoInvio {
  /** The client's address (lib/sicurezza/indirizzo.ts): only its salted hash is stored. */
  indirizzo: string;
  /** The app's secret, which signed the form's token and from which the day's salt of address hashes is derived. */
  segreto: string;
  adesso?: Date;
}

export type TipoRifiuto = "non_valido" | "troppo_presto" | "troppi_invii" | "non_trovato";

export type EsitoInvio =
  | { ok: true; registrata: boolean; slug: string; percorso: string; valutazioneId: number | null }
  | { ok: false; tipo: TipoRifiuto; messaggio: string; errori: ErroreCampo[]; pagina: Partial<PaginaModulo> };

export const MESSAGGI_INVIO: Record<TipoRifiuto, string> = {
  non_valido: "Controlla le risposte segnalate e invia di nuovo.",
  troppo_presto:
    "Il modulo è arrivato troppo in fretta dopo l'apertura della pagina: per proteggerci dagli invii automatici, controlla le risposte e premi di nuovo «Invia».",
  troppi_invii: "Da questa connessione sono arrivate troppe valutazioni nell'ultima ora: la tua non è stata registrata. Riprova più tardi.",
  non_trovato: "Questa pagina non fa parte di un'edizione pubblicata: la valutazione non è stata registrata.",
};

/** Where the bell sends a coordinator when new comments arrive. */
export const LINK_NUOVI_COMMENTI = "/ascolto?stato=nuovo";
const AVVISO_NUOVI_COMMENTI = "Nuovi commenti dei cittadini da leggere";

/**
 * Records one rating posted by the widget. The honeypot answers as a success and
 * writes nothing; the token must be this app's, for this page, made at least a few
 * seconds before; the page must exist in the published edition (its ambito is read
 * from the index, never from the form); then, in one transaction, the per-address
 * limit is checked and the row written, and coordinators get one bell notice (not
 * repeated while unread) when the rating carries a comment.
 */
export function registraValutazione(db: Db, campi: Record<string, string>, c: ContestoInvio): EsitoInvio {
  const adesso = c.adesso ?? new Date();
  const letto = leggiInvio(campi);
  if (!letto.ok) return { ok: false, tipo: "non_valido", messaggio: letto.errori.length === 1 ? letto.errori[0].messaggio : MESSAGGI_INVIO.non_valido, errori: letto.errori, pagina: letto.pagina };
  const v = letto.valutazione;
  const pagina: PaginaModulo = { slug: v.slug, revisione: v.revisione, percorso: v.percorso };
  const rifiuto = (tipo: TipoRifiuto, errori: ErroreCampo[] = []): EsitoInvio => ({ ok: false, tipo, messaggio: MESSAGGI_INVIO[tipo], errori, pagina });

  // A robot that filled the invisible field is told "thank you" and forgotten.
  if (v.trappola) return { ok: true, registrata: false, slug: v.slug, percorso: v.percorso, valutazioneId: null };

  const g = verificaGettone(c.segreto, v.gettone, pagina, adesso.getTime());
  if (!g.ok) {
    if (g.motivo === "presto") return rifiuto("troppo_presto");
    // The form comes back filled in with a token made now: a page saved long ago (or made
    // before the app's secret changed) costs the citizen one more click, not their comment.
    return { ok: false, tipo: "non_valido", messaggio: "Non è stato possibile verificare il modulo (forse la pagina è stata aperta molto tempo fa): controlla i dati qui sotto e invialo di nuovo.", errori: [], pagina };
  }

  return inTransazione(db, (tx): EsitoInvio => {
    const ed = tx.select({ id: editions.id }).from(editions).where(eq(editions.slug, v.slug)).get();
    const pub = ed ? pubblicazione(tx, v.slug) : null;
    if (!ed || !pub || !pub.revisioni.some((r) => r.revisione === v.revisione)) return rifiuto("non_trovato");
    const dove = risolviPercorso(indiceEdizione(pub.dati), v.percorso);
    if (!dove) return rifiuto("non_trovato");

    const hash = hashIndirizzo(c.segreto, c.indirizzo, adesso);
    if (limiteRaggiunto(tx, hash, adesso)) return rifiuto("troppi_invii");

    const riga = tx
      .insert(valutazioni)
      .values({
        editionId: ed.id,
        revisione: v.revisione,
        percorso: v.percorso,
        ambito: dove.ambito,
        voto: v.voto,
        motivo: v.motivo,
        commento: v.commento,
        email: v.email,
        indirizzoHash: hash,
        createdAt: adesso.toISOString(),
      })
      .returning({ id: valutazioni.id })
      .get();
    if (v.commento) avvisaNuoviCommenti(tx);
    return { ok: true, registrata: true, slug: v.slug, percorso: v.percorso, valutazioneId: riga.id };
  });
}

/** One unread bell notice per coordinator, however many comments arrive before they look. */
export function avvisaNuoviCommenti(tx: Tx): void {
  const destinatari = coordinamentoAscolto(tx);
  if (destinatari.length === 0) return;
  const gia = new Set(
    tx
      .select({ userId: notifications.userId })
      .from(notifications)
      .where(and(inArray(notifications.userId, destinatari), eq(notifications.link, LINK_NUOVI_COMMENTI), eq(notifications.letta, false)))
      .all()
      .map((r) => r.userId),
  );
  notifica(tx, { userIds: destinatari.filter((id) => !gia.has(id)), oggetto: AVVISO_NUOVI_COMMENTI, testo: AVVISO_NUOVI_COMMENTI, link: LINK_NUOVI_COMMENTI, canali: "app" });
}

/** Who reads the citizens' comments: the active coordinators (the policy's ascolto.leggi). */
function coordinamentoAscolto(tx: Tx): number[] {
  return conRuolo(tx, "coordinatore");
}

// ---- The coordination's work

export const gestisciSchema = z.object({
  id: z.coerce.number().int().positive(),
  nota: z
    .string()
    .max(MAX_NOTA * 2)
    .optional()
    .transform((s) => (s ?? "").replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, "Scrivi una nota: che cosa è stato fatto, o che cosa si farà nella prossima edizione.").max(MAX_NOTA, `La nota può avere al massimo ${MAX_NOTA} caratteri.`)),
});
export const spamSchema = z.object({ id: z.coerce.number().int().positive() });
export const pubblicaSchema = z.object({ slug: z.string().trim().min(1).max(100) });

/**
 * Closes a comment, handled or hidden as spam: the coordinator's decision, who and when,
 * its contact email erased, and the audit row, in one transaction.
 */
function chiudiCommento(
  db: Db,
  chi: Chi,
  id: number,
  chiusura: { stato: "gestito"; nota: string; azione: "ascolto.gestisci" } | { stato: "spam"; azione: "ascolto.spam" },
  adesso: Date,
): Esito<{ id: number }> {
  const no = senzaPermesso(chi, "ascolto.gestisci");
  if (no) return no;
  return inTransazione(db, (tx) => {
    const r = tx.select().from(valutazioni).where(eq(valutazioni.id, id)).get();
    if (!r) return nonTrovato("Commento non trovato.");
    const nota = chiusura.stato === "gestito" ? { nota: chiusura.nota } : {};
    tx.update(valutazioni)
      .set({ stato: chiusura.stato, ...nota, gestitoDa: chi.userId, gestitoIl: adesso.toISOString(), email: null })
      .where(eq(valutazioni.id, r.id))
      .run();
    registra(tx, { userId: chi.userId, attore: chi.email, azione: chiusura.azione, editionId: r.editionId, dettagli: { valutazioneId: r.id, emailCancellata: r.email !== null } });
    return { ok: true, id: r.id };
  });
}

/** Marks a comment as handled, with the note the next edition's writers will read; its contact email is erased. */
export function gestisciCommento(db: Db, chi: Chi, input: z.input<typeof gestisciSchema>, adesso: Date = new Date()): Esito<{ id: number }> {
  const p = gestisciSchema.safeParse(input);
  if (!p.success) return nonValido(erroriDaZod(p.error.issues));
  return chiudiCommento(db, chi, p.data.id, { stato: "gestito", nota: p.data.nota, azione: "ascolto.gestisci" }, adesso);
}

/** Hides a rating and its comment as spam: out of every aggregate and of the open data; its email is erased. */
export function nascondiSpam(db: Db, chi: Chi, input: z.input<typeof spamSchema>, adesso: Date = new Date()): Esito<{ id: number }> {
  const p = spamSchema.safeParse(input);
  if (!p.success) return nonValido(erroriDaZod(p.error.issues));
  return chiudiCommento(db, chi, p.data.id, { stato: "spam", azione: "ascolto.spam" }, adesso);
}

/**
 * Publishes the ratings of an edition per ambito as open data: the CSV is made now and
 * frozen in valutazioni_pubblicate (served at /edizioni/<slug>/valutazioni.csv); a later
 * publication adds a newer row, the older ones stay.
 */
export function pubblicaValutazioni(db: Db, chi: Chi, input: z.input<typeof pubblicaSchema>): Esito<{ slug: string; valutazioni: number; sha256: string }> {
  const p = pubblicaSchema.safeParse(input);
  if (!p.success) return nonValido(erroriDaZod(p.error.issues));
  const no = senzaPermesso(chi, "ascolto.gestisci");
  if (no) return no;
  return inTransazione(db, (tx) => {
    const ed = tx.select({ id: editions.id }).from(editions).where(eq(editions.slug, p.data.slug)).get();
    const pub = ed ? pubblicazione(tx, p.data.slug) : null;
    if (!ed || !pub) return nonTrovato("Edizione pubblicata non trovata.");
    const voti = tx.select({ ambito: valutazioni.ambito, voto: valutazioni.voto }).from(valutazioni).where(and(eq(valutazioni.editionId, ed.id), ne(valutazioni.stato, "spam"))).all();
    const csv = csvValutazioni(pub.dati, voti);
    const hash = sha256(csv);
    tx.insert(valutazioniPubblicate).values({ editionId: ed.id, csv, sha256: hash, userId: chi.userId }).run();
    const n = voti.filter((v) => v.ambito !== null).length;
    registra(tx, { userId: chi.userId, attore: chi.email, azione: "ascolto.pubblica", editionId: ed.id, dettagli: { slug: p.data.slug, valutazioni: n, sha256: hash } });
    return { ok: true, slug: p.data.slug, valutazioni: n, sha256: hash };
  });
}

/** The latest published CSV of an edition's ratings, or null before the first publication. */
export function valutazioniPubblicateDi(db: Tx, slug: string): { csv: string; sha256: string; createdAt: string } | null {
  const ed = db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)).get();
  if (!ed) return null;
  return (
    db
      .select({ csv: valutazioniPubblicate.csv, sha256: valutazioniPubblicate.sha256, createdAt: valutazioniPubblicate.createdAt })
      .from(valutazioniPubblicate)
      .where(eq(valutazioniPubblicate.editionId, ed.id))
      .orderBy(desc(valutazioniPubblicate.id))
      .get() ?? null
  );
}

// ---- Retention and the daily digest

/** Contact emails older than `giorni` days are erased, handled or not. */
export function cancellaEmailScadute(db: Db, adesso: Date = new Date(), giorni = GIORNI_EMAIL): number {
  const limite = new Date(adesso.getTime() - giorni * 24 * 60 * 60_000).toISOString();
  return inTransazione(db, (tx) => {
    const n = tx.update(valutazioni).set({ email: null }).where(and(isNotNull(valutazioni.email), lt(valutazioni.createdAt, limite))).run().changes;
    if (n > 0) registra(tx, { attore: "conservazione", azione: "ascolto.conservazione", dettagli: { email: n, giorni } });
    return n;
  });
}

const MAX_COMMENTI_RIEPILOGO = 20;

/**
 * A citizen's text as one quoted line of the digest mail: every run of spaces, line breaks,
 * tabs, control characters or direction overrides becomes one space, and the guillemets it
 * is quoted in become plain quotes inside it, so nothing a citizen writes can start a line
 * of its own (a fake entry, a link, a signature) or close the quotation. At most n characters.
 */
export function estrattoCommento(s: string, n = 200): string {
  const riga = [...s.replace(/[\s\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]+/gu, " ").replace(/[«»]/g, '"').trim()];
  return `«${riga.length > n ? `${riga.slice(0, n - 1).join("")}…` : riga.join("")}»`;
}

/**
 * Once per Italian day, the coordinators get one mail listing the comments that arrived
 * since the previous digest (not yet handled, not spam); nothing is sent on a day
 * without new comments. The audit row of each digest says up to when it counted.
 */
export function riepilogoGiornaliero(db: Db, adesso: Date = new Date()): { commenti: number; destinatari: number } {
  const giorno = oggiRoma(adesso);
  return inTransazione(db, (tx) => {
    const precedenti = vociAudit(tx, { azioni: ["ascolto.riepilogo"], ordine: "desc" });
    if (precedenti.some((v) => v.dettagli?.giorno === giorno)) return { commenti: 0, destinatari: 0 };
    const dal = precedenti.find((v) => v.dettagli)?.dettagli?.fino ?? new Date(adesso.getTime() - 24 * 60 * 60_000).toISOString();
    const fino = adesso.toISOString();
    const filtro = and(eq(valutazioni.stato, "nuovo"), isNotNull(valutazioni.commento), gt(valutazioni.createdAt, dal), lt(valutazioni.createdAt, fino));
    const totale = tx.select({ n: count() }).from(valutazioni).where(filtro).get()!.n;
    if (totale === 0) return { commenti: 0, destinatari: 0 };
    const righe = tx
      .select({ voto: valutazioni.voto, motivo: valutazioni.motivo, commento: valutazioni.commento, percorso: valutazioni.percorso, slug: editions.slug })
      .from(valutazioni)
      .innerJoin(editions, eq(editions.id, valutazioni.editionId))
      .where(filtro)
      .orderBy(valutazioni.createdAt)
      .limit(MAX_COMMENTI_RIEPILOGO)
      .all();
    const destinatari = coordinamentoAscolto(tx);
    const oggetto = totale === 1 ? "1 nuovo commento dei cittadini" : `${totale} nuovi commenti dei cittadini`;
    const elenco = righe.map((r) => {
      const motivo = etichettaMotivo(r.motivo);
      return `- ${r.voto}/5 su ${indirizzoPagina(r.slug, r.percorso)}${motivo ? ` (${motivo})` : ""}: ${estrattoCommento(r.commento ?? "")}`;
    });
    const testo = [
      `Dal riepilogo precedente i cittadini hanno lasciato ${totale === 1 ? "un commento" : `${totale} commenti`} sulle edizioni pubblicate del Bilancio Sociale.`,
      "",
      ...elenco,
      ...(totale > righe.length ? [`… e altri ${totale - righe.length}.`] : []),
      "",
      "Leggili, segnali come gestiti con una nota (la leggerà chi scrive la prossima edizione) o nascondi lo spam.",
    ].join("\n");
    notifica(tx, { userIds: destinatari, oggetto, testo, link: LINK_NUOVI_COMMENTI, canali: "mail" });
    registra(tx, { attore: "riepilogo", azione: "ascolto.riepilogo", dettagli: { giorno, fino, commenti: totale, destinatari } });
    return { commenti: totale, destinatari: destinatari.length };
  });
}

/** The daily job of listening, run by the server's hourly pass: retention first, then the digest. */
export function lavoroGiornalieroAscolto(db: Db, adesso: Date = new Date()): { emailCancellate: number; commenti: number } {
  const emailCancellate = cancellaEmailScadute(db, adesso);
  const { commenti } = riepilogoGiornaliero(db, adesso);
  return { emailCancellate, commenti };
}
