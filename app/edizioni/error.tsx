"use client";

import Link from "next/link";

/**
 * A public page that cannot be shown. The one expected cause is a publication whose
 * bytes no longer match their signed SHA-256 (lib/publication/queries.ts refuses to
 * serve them, and the server logs it as [integrità]): say so in Italian, never show
 * unsigned content.
 */
export default function ErroreEdizione() {
  return (
    <>
      <h1 className="h2">Pagina non disponibile</h1>
      <p>
        Questa pagina non può essere mostrata: i dati pubblicati non corrispondono alla loro impronta firmata, oppure si è verificato un errore
        del server. Il contenuto non viene mostrato finché non è verificato.
      </p>
      <Link href="/edizioni">Vai all&apos;elenco delle edizioni pubblicate</Link>
    </>
  );
}
