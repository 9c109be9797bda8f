/**
 * Every action the audit log records, once: its Italian label and the shape of
 * its details. `registra` accepts only these, the audit page labels and filters
 * by them, and code that reads the log as data parses details with these schemas.
 */
import { z } from "../zod-it";

const nessuno = z.null().optional();
const id = z.number().int();
const statoDaA = z.object({ da: z.string(), a: z.string(), messaggio: z.string().optional() });

/** Why a signature was refused: the signing throttle counts only wrong passwords. */
export const MOTIVI_FIRMA_RIFIUTATA = ["password errata", "contenuto cambiato"] as const;

const voce = <S extends z.ZodType>(etichetta: string, dettagli: S) => ({ etichetta, dettagli });

export const VOCABOLARIO = {
  // Access
  accesso: voce("Accesso", nessuno),
  "accesso.fallito": voce("Accesso non riuscito", nessuno),
  "accesso.bloccato": voce("Accesso bloccato per troppi tentativi", nessuno),
  uscita: voce("Uscita", nessuno),
  "sessione.revoca": voce("Sessioni chiuse", z.object({ sessioni: z.number().int(), motivo: z.string() })),
  "conservazione.indirizzi": voce(
    "Indirizzi IP cancellati per scadenza",
    z.object({ registro: z.number().int(), sessioni: z.number().int(), tentativi: z.number().int(), giorni: z.number().int() }),
  ),

  // Blocks and sections
  "blocco.modifica": voce("Modifica di un blocco", z.object({ blockId: id, version: id })),
  "blocco.aggiungi": voce("Aggiunta di un blocco", z.object({ blockId: id, tipo: z.string(), posizione: id })),
  "blocco.elimina": voce(
    "Eliminazione di un blocco",
    // The block as it was: "Annulla eliminazione" puts back exactly this, its base included.
    z.object({ blockId: id, tipo: z.string(), posizione: id.optional(), dati: z.unknown().optional() }),
  ),
  "blocco.ripristina": voce("Eliminazione di un blocco annullata", z.object({ blockId: id, eliminazioneId: id })),
  "blocco.sposta": voce("Spostamento di un blocco", z.object({ blockId: id, da: id, a: id })),
  "blocco.importa": voce("Importazione di dati da foglio di calcolo", z.object({ origine: z.string(), blocchi: id })),
  "sezione.ripristina": voce("Ripristino di una revisione", z.object({ daRevisione: id, revisione: id })),
  "sezione.invia": voce("Invio alla revisione", statoDaA),
  "sezione.approva": voce("Approvazione", statoDaA),
  "sezione.richiedi_modifiche": voce("Richiesta di modifiche", statoDaA),
  "sezione.riapri": voce("Riapertura di una sezione approvata", statoDaA),
  "sezione.scadenza": voce("Cambio di scadenza", z.object({ da: z.string().nullable(), a: z.string().nullable() })),
  "sezione.assegna": voce("Assegnazione a un settore", z.object({ da: id, a: id, scadenza: z.string().nullable().optional() })),
  "commento.aggiungi": voce("Nuovo commento", z.object({ commentId: id, blockId: id.nullable().optional(), campo: z.string().nullable().optional() })),
  "commento.risolvi": voce("Commento risolto", z.object({ commentId: id })),
  "commento.riapri": voce("Commento riaperto", z.object({ commentId: id })),
  "promemoria.scadenza": voce("Promemoria di scadenza", z.object({ scadenza: z.string(), superata: z.boolean(), stato: z.string(), destinatari: z.array(id) })),

  // Editions
  "edizione.importa": voce("Importazione di un'edizione", z.object({ slug: z.string(), sezioni: id, blocchi: id })),
  "edizione.crea": voce("Creazione di un'edizione", z.object({ slug: z.string(), origine: z.string(), sezioni: id.optional(), blocchi: id.optional() })),
  "edizione.nuova": voce("Avvio della prossima edizione", z.object({ slug: z.string(), sezioni: id, blocchi: id, basataSuId: id })),
  "edizione.errata": voce("Avvio di una correzione (errata)", z.object({ slug: z.string(), sezioni: id, blocchi: id, correggeId: id, revisione: id })),
  "edizione.invia_firma": voce("Inviata alla firma", z.object({ sha256: z.string(), revisione: id })),
  "edizione.ritira": voce("Ritirata dalla firma", z.object({ motivo: z.string(), sha256: z.string().nullable() })),
  "edizione.rimanda": voce("Rimandata al coordinamento", z.object({ motivo: z.string(), sha256: z.string().nullable() })),
  "edizione.firma": voce("Firmata", z.object({ sha256: z.string().nullable(), revisione: id })),
  "edizione.firma_rifiutata": voce(
    "Firma non apposta",
    z.object({ motivo: z.enum(MOTIVI_FIRMA_RIFIUTATA), mostrato: z.string().optional(), congelato: z.string().nullable().optional(), attuale: z.string().optional() }),
  ),
  "edizione.pubblica": voce("Pubblicata", z.object({ slug: z.string(), revisione: id, sha256: z.string().nullable() })),

  // Structure of an edition in preparation
  "struttura.aggiungi": voce("Aggiunta alla struttura", z.object({ elemento: z.string(), id, titolo: z.string() })),
  "struttura.modifica": voce("Modifica della struttura", z.object({ elemento: z.string(), id, campi: z.array(z.string()) })),
  "struttura.sposta": voce("Riordino della struttura", z.object({ elemento: z.string(), id, da: id, a: id })),
  "struttura.rimuovi": voce("Rimozione dalla struttura", z.object({ elemento: z.string(), id, titolo: z.string(), blocchi: id.optional() })),

  // Listening to citizens (their ratings themselves are anonymous rows of valutazioni, not audit rows)
  "ascolto.gestisci": voce("Commento di un cittadino gestito", z.object({ valutazioneId: id, emailCancellata: z.boolean() })),
  "ascolto.spam": voce("Commento di un cittadino nascosto come spam", z.object({ valutazioneId: id, emailCancellata: z.boolean() })),
  "ascolto.pubblica": voce("Valutazioni dei cittadini pubblicate come dati aperti", z.object({ slug: z.string(), valutazioni: id, sha256: z.string() })),
  "ascolto.riepilogo": voce("Riepilogo giornaliero dei commenti dei cittadini", z.object({ giorno: z.string(), fino: z.string(), commenti: id, destinatari: z.array(id) })),
  "ascolto.conservazione": voce("Email di contatto cancellate per scadenza", z.object({ email: id, giorni: id })),

  // People and settori
  "ente.configura": voce("Configurazione dell'ente", z.object({ nome: z.string() })),
  "ente.licenza": voce("Licenza dei dati aperti cambiata", z.object({ da: z.string(), a: z.string() })),
  "utente.crea": voce("Nuovo utente", z.object({ email: z.string(), origine: z.enum(["manuale", "importazione", "configurazione"]).optional(), utenteId: id.optional() })),
  "utente.modifica": voce("Modifica di un utente", z.object({ campi: z.array(z.string()), utenteId: id.optional(), email: z.string().optional() })),
  "utente.disattiva": voce("Utente disattivato", z.object({ utenteId: id, email: z.string() }).nullable().optional()),
  "utente.riattiva": voce("Utente riattivato", z.object({ utenteId: id, email: z.string() }).nullable().optional()),
  "utente.ruolo_aggiungi": voce("Ruolo assegnato", z.object({ ruolo: z.string(), settoreId: id.nullable(), utenteId: id.optional(), email: z.string().optional() })),
  "utente.ruolo_rimuovi": voce("Ruolo tolto", z.object({ ruolo: z.string(), settoreId: id.nullable(), utenteId: id.optional(), email: z.string().optional() })),
  "utente.importa": voce("Importazione di utenti", z.object({ origine: z.string(), utenti: id })),
  "utente.invito": voce("Invito inviato", z.object({ scadeIl: z.string(), utenteId: id.optional(), email: z.string().optional() })),
  "utente.email_richiesta": voce("Richiesta di cambiare la propria email", z.object({ nuova: z.string() })),
  "utente.email_conferma": voce("Email cambiata dal profilo, confermata dal nuovo indirizzo", z.object({ da: z.string(), a: z.string() })),
  "invito.accetta": voce("Invito accettato", nessuno),
  "password.cambia": voce("Cambio della password", nessuno),
  "password.reimposta_richiesta": voce("Richiesta di reimpostare la password", nessuno),
  "password.reimposta": voce("Password reimpostata", nessuno),
  "settore.crea": voce("Nuovo settore", z.object({ codice: z.string(), nome: z.string() })),
  "settore.modifica": voce("Modifica di un settore", z.object({ campi: z.array(z.string()), da: z.string().optional(), a: z.string().optional() })),
  "settore.disattiva": voce("Settore disattivato", nessuno),
  "settore.riattiva": voce("Settore riattivato", nessuno),
  "settore.unisci": voce("Unione di settori", z.object({ daId: id, inId: id, sezioni: id, ruoli: id, ambiti: id.optional() })),
} satisfies Record<string, { etichetta: string; dettagli: z.ZodType }>;

export type AzioneAudit = keyof typeof VOCABOLARIO;
export type DettagliAudit<A extends AzioneAudit> = z.infer<(typeof VOCABOLARIO)[A]["dettagli"]>;

export const AZIONI_AUDIT = Object.keys(VOCABOLARIO) as AzioneAudit[];

export const isAzioneAudit = (s: string): s is AzioneAudit => Object.hasOwn(VOCABOLARIO, s);

export const etichettaAzione = (azione: string): string => (isAzioneAudit(azione) ? VOCABOLARIO[azione].etichetta : azione);

/** A row's details read back as the typed shape of its action, or null if they do not match it. */
export function leggiDettagli<A extends AzioneAudit>(azione: A, dettagli: unknown): DettagliAudit<A> | null {
  const r = VOCABOLARIO[azione].dettagli.safeParse(dettagli ?? undefined);
  return r.success ? (r.data as DettagliAudit<A>) : null;
}
