"use client";

import { signOut } from "next-auth/react";

export function LogoutButton() {
  return (
    <button type="button" className="btn btn-sm btn-outline-light" onClick={() => signOut({ callbackUrl: "/login" })}>
      Esci
    </button>
  );
}
