import type { Metadata } from "next";
import Link from "next/link";
import { ImpostaPasswordForm } from "@/app/_components/account/ImpostaPasswordForm";
import { LinkNonUtilizzabile } from "@/app/_components/account/LinkNonUtilizzabile";
import { getDb } from "@/db/client";
import { leggiLink } from "@/lib/auth/account";
import { SPIEGAZIONE_PASSWORD } from "@/lib/auth/password-policy";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Reimposta la password", referrer: "no-referrer", robots: { index: false } };

/** The reset link from the mail: a new password, and every open session of the account ends. */
export default async function ReimpostaPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = leggiLink(getDb(), token, "reimposta");
  if (!link.ok) return <LinkNonUtilizzabile titolo="Collegamento non utilizzabile" messaggio={link.messaggio} altro={<Link href="/password-dimenticata">Chiedi un nuovo collegamento</Link>} />;
  return (
    <div className="row justify-content-center">
      <div className="col-md-8 col-lg-6">
        <h1 className="h2 mb-3">Reimposta la password</h1>
        <p>
          Scegli una nuova password per l&apos;account <strong>{link.email}</strong>. Quando l&apos;avrai impostata, ogni sessione aperta con
          questo account sarà chiusa e potrai accedere con la nuova password.
        </p>
        <ImpostaPasswordForm tipo="reimposta" token={token} email={link.email} spiegazione={SPIEGAZIONE_PASSWORD} />
      </div>
    </div>
  );
}
