/**
 * npx tsx scripts/mail-worker.ts : one pass of the postman (deadline reminders, the daily digest of citizens' comments,
 * then the outbox) and exit. For cron, or to send the queue by hand. When cron
 * does the work, set MAIL_WORKER=off for the web server (running both is safe,
 * rows are claimed before sending, but pointless).
 * Exit code 1 if some mail could not be sent (it stays in the queue).
 */
import { getDb } from "../db/client";
import { inviaCoda } from "../lib/mail/outbox";
import { creaTrasporto } from "../lib/mail/transport";
import { promemoriaScadenze } from "../lib/review/reminders";
import { lavoroGiornalieroAscolto } from "../lib/ascolto/service";

async function main(): Promise<number> {
  const db = getDb();
  const trasporto = creaTrasporto();
  const p = promemoriaScadenze(db);
  console.log(`Promemoria delle scadenze: ${p.avvisi} avvisi per ${p.sezioni} sezioni.`);
  const a = lavoroGiornalieroAscolto(db);
  console.log(`Ascolto dei cittadini: riepilogo di ${a.commenti} commenti, ${a.emailCancellate} email di contatto cancellate.`);
  let totale = { inviate: 0, fallite: 0 };
  // Empty the queue in batches; stop at the first batch that sends nothing.
  for (;;) {
    const e = await inviaCoda(db, trasporto, { limite: 50 });
    totale = { inviate: totale.inviate + e.inviate, fallite: totale.fallite + e.fallite };
    if (e.inviate === 0 || e.fallite > 0) break;
  }
  console.log(`Posta (${trasporto.descrizione}): ${totale.inviate} inviate, ${totale.fallite} non riuscite.`);
  db.$client.close();
  return totale.fallite > 0 ? 1 : 0;
}

main().then(
  (codice) => process.exit(codice),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
