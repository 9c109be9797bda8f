/**
 * npx tsx scripts/mail-worker.ts : one pass of the postman (deadline reminders, the daily digest of citizens' comments,
 * the retention of client addresses, then the outbox) and exit. For cron, or to send the queue by hand. When cron
 * does the work, set MAIL_WORKER=off for the web server (running both is safe,
 * rows are claimed before sending, but pointless).
 * Exit code 1 if some mail could not be sent (it stays in the queue).
 */
import { getDb, MigrazioniInSospeso } from "../db/client";
import { inviaCoda } from "../lib/mail/outbox";
import { creaTrasporto } from "../lib/mail/transport";
import { promemoriaScadenze } from "../lib/review/reminders";
import { lavoroGiornalieroAscolto } from "../lib/ascolto/service";
import { plurale } from "../lib/italiano";
import { conservazioneIndirizzi } from "../lib/sicurezza/conservazione";

async function main(): Promise<number> {
  const db = getDb();
  const trasporto = creaTrasporto();
  const p = promemoriaScadenze(db);
  console.log(`Promemoria delle scadenze: ${plurale(p.avvisi, "avviso", "avvisi")} per ${plurale(p.sezioni, "sezione", "sezioni")}.`);
  const a = lavoroGiornalieroAscolto(db);
  console.log(`Ascolto dei cittadini: riepilogo di ${plurale(a.commenti, "commento", "commenti")}, ${plurale(a.emailCancellate, "email di contatto cancellata", "email di contatto cancellate")}.`);
  const c = conservazioneIndirizzi(db);
  console.log(`Conservazione degli indirizzi: cancellati da ${plurale(c.registro, "riga", "righe")} del registro e ${plurale(c.sessioni, "sessione", "sessioni")}; ${plurale(c.tentativi, "tentativo di accesso eliminato", "tentativi di accesso eliminati")}.`);
  let totale = { inviate: 0, fallite: 0 };
  // Empty the queue in batches; stop at the first batch that sends nothing.
  for (;;) {
    const e = await inviaCoda(db, trasporto, { limite: 50 });
    totale = { inviate: totale.inviate + e.inviate, fallite: totale.fallite + e.fallite };
    if (e.inviate === 0 || e.fallite > 0) break;
  }
  console.log(`Posta (${trasporto.descrizione}): ${plurale(totale.inviate, "inviata", "inviate")}, ${plurale(totale.fallite, "non riuscita", "non riuscite")}.`);
  db.$client.close();
  return totale.fallite > 0 ? 1 : 0;
}

main().then(
  (codice) => process.exit(codice),
  (e) => {
    // A database not yet migrated to this version says so in one line; anything else with its stack.
    console.error(e instanceof MigrazioniInSospeso ? e.message : e);
    process.exit(1);
  },
);
