import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { utenteCorrente } from "@/app/_server/session";
import { destinazioneSicura } from "@/lib/sicurezza/destinazione";
import { LoginForm } from "./LoginForm";

export const metadata: Metadata = { title: "Accesso" };

/** What the login page says after an account page sent the user here (fixed texts: the query string only picks one). */
const ESITI: Record<string, string> = {
  "password-impostata": "Password impostata: ora puoi accedere con la tua email e la nuova password.",
  "password-reimpostata": "Password reimpostata: accedi con la nuova password. Le sessioni aperte con il tuo account sono state chiuse.",
  "email-cambiata": "Indirizzo email confermato: accedi con il nuovo indirizzo. Le sessioni aperte con il tuo account sono state chiuse.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; esito?: string }> }) {
  if (await utenteCorrente()) redirect("/");
  const { callbackUrl, esito } = await searchParams;
  const avviso = esito && Object.hasOwn(ESITI, esito) ? ESITI[esito] : null;
  // Only same-site paths, parsed as the browser will: the login must not become an open redirect.
  const destinazione = destinazioneSicura(callbackUrl);
  return (
    <div className="row justify-content-center">
      <div className="col-md-7 col-lg-5">
        <h1 className="h2 mb-4">Accedi al Bilancio Sociale</h1>
        {avviso && <div className="alert alert-success" role="status">{avviso}</div>}
        <LoginForm destinazione={destinazione} />
        <p className="mt-4">
          <Link href="/password-dimenticata">Password dimenticata?</Link>
        </p>
        <p>
          Per leggere il Bilancio Sociale non serve accedere: <Link href="/edizioni">le edizioni pubblicate</Link> sono aperte a tutti.
        </p>
      </div>
    </div>
  );
}
