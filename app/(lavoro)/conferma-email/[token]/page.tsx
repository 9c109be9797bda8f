import type { Metadata } from "next";
import Link from "next/link";
import { ConfermaEmailForm } from "@/app/_components/account/ConfermaEmailForm";
import { LinkNonUtilizzabile } from "@/app/_components/account/LinkNonUtilizzabile";
import { getDb } from "@/db/client";
import { leggiCambioEmail } from "@/lib/auth/cambio-email";

// The token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Conferma il nuovo indirizzo email", referrer: "no-referrer", robots: { index: false } };

/**
 * The link mailed to a new address asked from the profile. Opening it changes nothing
 * (mail scanners open links too): the button does, and then every session of the account ends.
 */
export default async function ConfermaEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = leggiCambioEmail(getDb(), token);
  if (!link.ok) return <LinkNonUtilizzabile titolo="Collegamento non utilizzabile" messaggio={link.messaggio} />;
  return (
    <div className="row justify-content-center">
      <div className="col-md-8 col-lg-6">
        <h1 className="h2 mb-3">Conferma il nuovo indirizzo email</h1>
        <p>
          {link.nome}, confermando leghi il tuo account a <strong>{link.nuova}</strong> al posto di {link.vecchia}. Poi accederai con il nuovo indirizzo:
          ogni sessione aperta con il tuo account sarà chiusa.
        </p>
        <ConfermaEmailForm token={token} />
      </div>
    </div>
  );
}
