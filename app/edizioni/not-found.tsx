import Link from "next/link";

/** Unknown edition, part or page of the public site: inside its layout, so the header and main stay. */
export default function EdizioneNonTrovata() {
  return (
    <>
      <h1 className="h2">Pagina non trovata</h1>
      <p>L&apos;indirizzo non corrisponde a nessuna edizione pubblicata o a nessuna sua pagina.</p>
      <Link href="/edizioni">Vai all&apos;elenco delle edizioni pubblicate</Link>
    </>
  );
}
