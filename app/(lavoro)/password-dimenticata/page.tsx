import type { Metadata } from "next";
import { PasswordDimenticataForm } from "@/app/_components/account/PasswordDimenticataForm";

export const metadata: Metadata = { title: "Password dimenticata" };

/** Asks for a reset link. The reply never says whether the address has an account. */
export default function PasswordDimenticataPage() {
  return (
    <div className="row justify-content-center">
      <div className="col-md-8 col-lg-6">
        <h1 className="h2 mb-3">Password dimenticata?</h1>
        <p>Scrivi l&apos;email con cui accedi: se corrisponde a un account attivo ti manderemo un collegamento per scegliere una nuova password.</p>
        <PasswordDimenticataForm />
      </div>
    </div>
  );
}
