"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { completaSalvataggi } from "./editor/salvataggi";

/** Logs out only once the page's edits are saved: an invalid or conflicting block keeps the user here, told why. */
export function LogoutButton() {
  const [attesa, setAttesa] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-sm btn-outline-light"
      disabled={attesa}
      onClick={async () => {
        setAttesa(true);
        const r = await completaSalvataggi("uscire");
        if (r.ok) await signOut({ callbackUrl: "/login" });
        else setAttesa(false);
      }}
    >
      Esci
    </button>
  );
}
