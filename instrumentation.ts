/**
 * Runs once when the Next.js server starts (inside server.ts's process): the chain of
 * what is published is checked (a publication whose bytes no longer hash to the signed
 * SHA-256 is reported here and never served), then the postman sends the mail outbox
 * and the deadline reminders, the custodian takes the daily backup, and the published
 * editions' files are made where missing (in a child process, lib/sito/coda.ts, which is
 * this same server started with --genera-siti: then only the queue is worked here).
 * Each registers how it stops (lib/arresto.ts), run by server.ts on SIGTERM; the
 * database goes last, with its WAL checkpointed into the file.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { avviaPostino } = await import("./lib/mail/worker");
    const { avviaBackupGiornaliero } = await import("./lib/backup/giornaliero");
    const { descriviVerifica, verificaCatena } = await import("./lib/publication/verifica");
    const { allArresto } = await import("./lib/arresto");
    const { log } = await import("./lib/log");
    const { getDb, chiudiDb } = await import("./db/client");
    const db = getDb();
    allArresto("database", chiudiDb);
    if (process.env.BILANCIO_RUOLO === "genera-siti") {
      // The published files' child process (server.ts --genera-siti): the queue, nothing else.
      const { lavoraNelFiglio } = await import("./lib/sito/lavoro");
      const { opzioniSiti } = await import("./lib/sito/avvio");
      const { origineInAscolto } = await import("./lib/server-pronto");
      void lavoraNelFiglio(db, opzioniSiti, origineInAscolto());
      return;
    }
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const v = verificaCatena(db);
      const righe = descriviVerifica(v);
      if (v.ok) log.info({ lavoro: "integrità" }, righe.at(-1) ?? "");
      else for (const riga of righe) log.error({ lavoro: "integrità" }, riga);
    }
    const postino = avviaPostino(db);
    allArresto("postino", () => postino.ferma());
    const custode = avviaBackupGiornaliero(db);
    allArresto("backup", () => custode.ferma());
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      // The published editions as files: reconciled with the database before the first
      // request (server.ts answers from them), and whatever is missing made in the background.
      const { riconciliaSiti, avviaSiti, fermaSiti } = await import("./lib/sito/coda");
      const { opzioniSiti } = await import("./lib/sito/avvio");
      riconciliaSiti(db, opzioniSiti().radice);
      avviaSiti(db);
      allArresto("siti", fermaSiti);
    }
  }
}
