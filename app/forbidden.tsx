import Link from "next/link";

export default function Forbidden() {
  return (
    <main id="contenuto" className="container my-4" tabIndex={-1}>
      <h1 className="h2">Accesso non consentito</h1>
      <p>Il tuo ruolo non consente di aprire questa pagina. Se pensi che sia un errore, rivolgiti al coordinamento del Bilancio Sociale.</p>
      <Link href="/">Torna alla tua pagina iniziale</Link>
    </main>
  );
}
