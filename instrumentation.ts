/** Runs once when the Next.js server starts: the postman sends the mail outbox and the deadline reminders. */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { avviaPostino } = await import("./lib/mail/worker");
    const { getDb } = await import("./db/client");
    avviaPostino(getDb());
  }
}
