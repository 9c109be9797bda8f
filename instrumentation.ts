/** Runs once when the Next.js server starts: requests get their peer address stamped; the postman sends the mail outbox and the deadline reminders. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First: every request then carries the TCP peer's address (lib/sicurezza/socket.ts).
    const { timbraIndirizzoSocket } = await import("./lib/sicurezza/socket");
    timbraIndirizzoSocket();
    const { avviaPostino } = await import("./lib/mail/worker");
    const { getDb } = await import("./db/client");
    avviaPostino(getDb());
  }
}
