import Link from "next/link";
import type { ReactNode } from "react";

/** A mailed link that can no longer be used (expired, used, voided): why, and where to go from here. */
export function LinkNonUtilizzabile({ titolo, messaggio, altro }: { titolo: string; messaggio: string; altro?: ReactNode }) {
  return (
    <div className="row justify-content-center">
      <div className="col-md-8 col-lg-6">
        <h1 className="h2 mb-4">{titolo}</h1>
        <div className="alert alert-warning" role="alert">{messaggio}</div>
        <p>
          {altro}
          {altro && " · "}
          <Link href="/login">Vai all&apos;accesso</Link>
        </p>
      </div>
    </div>
  );
}
