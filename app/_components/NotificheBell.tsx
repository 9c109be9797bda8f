import Link from "next/link";
import { getDb } from "@/db/client";
import { nonLette } from "@/lib/notifications/queries";

/** The header link to the notifications, with the unread count as a badge (and as words for screen readers). */
export function NotificheBell({ userId }: { userId: number }) {
  const n = nonLette(getDb(), userId);
  return (
    <Link href="/notifiche" className="text-white small text-decoration-none">
      Notifiche
      {n > 0 ? (
        <>
          <span className="badge rounded-pill bg-danger ms-1" aria-hidden="true">{n > 99 ? "99+" : n}</span>
          <span className="visually-hidden">, {n === 1 ? "1 non letta" : `${n} non lette`}</span>
        </>
      ) : (
        <span className="visually-hidden">, nessuna non letta</span>
      )}
    </Link>
  );
}
