/**
 * Runs once when the Next.js server starts: the chain of what is published is checked
 * (a publication whose bytes no longer hash to the signed SHA-256 is reported here and
 * never served), then the postman sends the mail outbox and the deadline reminders,
 * and the custodian takes the daily backup.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
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
  }
}
