/**
 * Runs once when the Next.js server starts: requests get their peer's address stamped,
 * the chain of what is published is checked
 * (a publication whose bytes no longer hash to the signed SHA-256 is reported here and
 * never served), then the postman sends the mail outbox and the deadline reminders,
 * the custodian takes the daily backup, and the published editions are served from
 * their files (made now if missing).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request then carries its TCP peer's address (lib/sicurezza/socket.ts).
    const { timbraIndirizzoSocket } = await import("./lib/sicurezza/socket");
    timbraIndirizzoSocket();
    // Then: a 404 is never stored by a cache, whatever its address's rule (lib/sicurezza/risposte-404.ts).
    const { nessunaCacheSui404 } = await import("./lib/sicurezza/risposte-404");
    nessunaCacheSui404();
    const { avviaPostino } = await import("./lib/mail/worker");
    const { avviaBackupGiornaliero } = await import("./lib/backup/giornaliero");
    const { descriviVerifica, verificaCatena } = await import("./lib/publication/verifica");
    const { getDb } = await import("./db/client");
    const db = getDb();
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const v = verificaCatena(db);
      if (v.ok) console.log(`[integrità] ${descriviVerifica(v).at(-1)}`);
      else for (const riga of descriviVerifica(v)) console.error(`[integrità] ${riga}`);
    }
    avviaPostino(db);
    avviaBackupGiornaliero(db);
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      // The published editions as files: reconciled with the database before the first
      // request, answered at the HTTP server, and whatever is missing made in the background.
      const { riconciliaSiti, avviaSiti } = await import("./lib/sito/coda");
      const { serviSitoPubblicato } = await import("./lib/sito/aggancio");
      const { opzioniSiti, suHttps } = await import("./lib/sito/avvio");
      const o = opzioniSiti();
      riconciliaSiti(db, o.radice);
      serviSitoPubblicato(o.radice, suHttps());
      avviaSiti(db, o);
    }
  }
}
