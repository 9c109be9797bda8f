"use client";

import { signIn } from "next-auth/react";
import { useEffect, useState, type FormEvent } from "react";

export function LoginForm({ destinazione }: { destinazione: string }) {
  const [errore, setErrore] = useState<string | null>(null);
  const [invio, setInvio] = useState(false);
  // Until this code runs the button stays disabled: a native submit would send the password in a page request.
  const [pronto, setPronto] = useState(false);
  useEffect(() => setPronto(true), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const dati = new FormData(e.currentTarget);
    setInvio(true);
    setErrore(null);
    const esito = await signIn("credentials", {
      email: String(dati.get("email") ?? ""),
      password: String(dati.get("password") ?? ""),
      redirect: false,
    });
    if (!esito || esito.error) {
      setErrore(esito?.error && esito.error !== "CredentialsSignin" ? esito.error : "Email o password non corretti.");
      setInvio(false);
      return;
    }
    // A full navigation, so the header and every server component see the new session.
    window.location.assign(destinazione);
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-describedby={errore ? "login-errore" : undefined}>
      {errore && (
        <div id="login-errore" className="alert alert-danger" role="alert">
          {errore}
        </div>
      )}
      <div className="form-group mb-4">
        <label htmlFor="email" className="active">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required className="form-control" />
      </div>
      <div className="form-group mb-4">
        <label htmlFor="password" className="active">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="form-control" />
      </div>
      <button type="submit" className="btn btn-primary" disabled={invio || !pronto}>
        Accedi
      </button>
    </form>
  );
}
