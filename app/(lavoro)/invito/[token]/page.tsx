import type { Metadata } from "next";
import Link from "next/link";
import { ImpostaPasswordForm } from "@/app/_components/account/ImpostaPasswordForm";
import { LinkNonUtilizzabile } from "@/app/_components/account/LinkNonUtilizzabile";
import { getDb } from "@/db/client";
import { leggiLink } from "@/lib/auth/account";
import { SPIEGAZIONE_PASSWORD } from "@/lib/auth/password-policy";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Attiva il tuo account", referrer: "no-referrer", robots: { index: false } };

/** The invitation link from the mail: whose account, and the password they choose. */
export default async function InvitoPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = leggiLink(getDb(), token, "invito");
  if (!link.ok) return <LinkNonUtilizzabile titolo="Invito non utilizzabile" messaggio={link.messaggio} />;
  return (
    <div className="row justify-content-center">
      <div className="col-md-8 col-lg-6">
        <h1 className="h2 mb-3">Attiva il tuo account</h1>
        <p>
          Benvenuto, <strong>{link.nome}</strong>. Scegli la password per l&apos;account <strong>{link.email}</strong>: la userai, con questa
          email, per accedere al Bilancio Sociale. Nessun altro la conosce, nemmeno l&apos;amministratore.
        </p>
        <ImpostaPasswordForm tipo="invito" token={token} email={link.email} spiegazione={SPIEGAZIONE_PASSWORD} />
      </div>
    </div>
  );
}
