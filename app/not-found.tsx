import Link from "next/link";

export default function NotFound() {
  return (
    <main id="contenuto" className="container my-4" tabIndex={-1}>
      <h1 className="h2">Pagina non trovata</h1>
      <p>L&apos;indirizzo non corrisponde a nessuna pagina.</p>
      <Link href="/">Torna alla pagina iniziale</Link>
    </main>
  );
}
