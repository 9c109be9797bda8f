/**
 * Runs once when the Next.js server starts: requests get their peer's address stamped,
 * the chain of what is published is checked
 * (a publication whose bytes no longer hash to the signed SHA-256 is reported here and
 * never served), then the postman sends the mail outbox and the deadline reminders,
 * and the custodian takes the daily backup.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request then carries its TCP peer's address (lib/sicurezza/socket.ts).
    const { timbraIndirizzoSocket } = await import("./lib/sicurezza/socket");
    timbraIndirizzoSocket();
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
