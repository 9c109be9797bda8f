import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDataOra, formatGiorno } from "@/lib/numbers/format";
import { base, caricaPubblicazione } from "../../_lib/carica";
import { Briciole } from "../../_components/Briciole";

// Served from the full-route cache: see app/edizioni/[slug]/page.tsx.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const p = caricaPubblicazione((await params).slug);
  if (!p) return { title: "Edizione non trovata" };
  return {
    title: `Integrità dei dati · ${p.dati.edizione.titolo}`,
    description: `Come verificare che i dati del ${p.dati.edizione.titolo} (${p.dati.ente.nome}) non sono stati modificati: l'impronta SHA-256 di dati.json, chi ha firmato e quando, le revisioni.`,
  };
}

/**
 * The proof a citizen can check: the SHA-256 of the exact bytes served at
 * dati.json (the latest revision), the signature over that same hash, and
 * every revision with its own hash.
 */
export default async function IntegritaPage({ params }: Params) {
  const { slug } = await params;
  const p = caricaPubblicazione(slug);
  if (!p) notFound();
  const b = base(slug);
  const coincide = p.firma.sha256 === p.sha256;
  const datiDi = (n: number) => (n === p.ultimaRevisione ? `${b}/dati.json` : `${b}/revisioni/${n}/dati.json`);
  return (
    <>
      <Briciole voci={[{ href: "/edizioni", testo: "Edizioni" }, { href: b, testo: p.dati.edizione.titolo }]} corrente="Integrità dei dati" />
      <h1>Integrità dei dati</h1>
      <p className="lead">
        {p.dati.edizione.titolo}, revisione {p.revisione}. L&apos;impronta SHA-256 identifica il contenuto di{" "}
        <a href={`${b}/dati.json`}>dati.json</a> byte per byte: se anche un solo carattere cambiasse, l&apos;impronta sarebbe diversa.
      </p>

      <dl className="row">
        <dt className="col-md-4">Impronta SHA-256 di dati.json</dt>
        <dd className="col-md-8">
          <code className="text-break fs-6" data-testid="sha256">{p.sha256}</code>
        </dd>
        <dt className="col-md-4">Firmata da</dt>
        <dd className="col-md-8" data-testid="firmatario">{p.firma.nome}</dd>
        {p.firma.concessoDa && p.firma.concessaIl && (
          <>
            <dt className="col-md-4">Ruolo di Assessore</dt>
            <dd className="col-md-8" data-testid="concessione">
              assegnato da {p.firma.concessoDa} il {formatDataOra(p.firma.concessaIl)}
            </dd>
          </>
        )}
        <dt className="col-md-4">Firmata il</dt>
        <dd className="col-md-8">{formatDataOra(p.firma.firmataIl)}</dd>
        <dt className="col-md-4">Impronta firmata</dt>
        <dd className="col-md-8">
          <code className="text-break" data-testid="sha256-firmato">{p.firma.sha256}</code>
          <br />
          {coincide ? (
            <span className="text-success fw-semibold">Coincide con l&apos;impronta dei dati pubblicati.</span>
          ) : (
            <span className="text-danger fw-semibold">Non coincide con l&apos;impronta dei dati pubblicati.</span>
          )}
        </dd>
        <dt className="col-md-4">Pubblicata il</dt>
        <dd className="col-md-8">{formatDataOra(p.pubblicataIl)}</dd>
      </dl>

      <section aria-labelledby="verifica-titolo" className="my-5">
        <h2 id="verifica-titolo" className="h3">Come verificare</h2>
        <ol>
          <li>
            Scarica <a href={`${b}/dati.json`}>dati.json</a> (salvalo così com&apos;è, senza aprirlo e risalvarlo).
          </li>
          <li>
            Calcola la sua impronta SHA-256 e confrontala con quella qui sopra:
            <ul>
              <li>Linux: <code>sha256sum dati.json</code></li>
              <li>macOS: <code>shasum -a 256 dati.json</code></li>
              <li>Windows (Prompt dei comandi): <code>certutil -hashfile dati.json SHA256</code></li>
            </ul>
          </li>
          <li>Se le due impronte sono uguali, i dati sono esattamente quelli firmati e pubblicati.</li>
        </ol>
        <p>
          I file <a href={`${b}/dati.csv`}>dati.csv</a> e <a href={`${b}/bilancio-sociale.pdf`}>bilancio-sociale.pdf</a> sono ricavati da
          dati.json: l&apos;impronta certifica dati.json.
        </p>
      </section>

      <div className="table-responsive my-5">
        <table className="table">
          <caption className="caption-top">Revisioni pubblicate e loro impronte</caption>
          <thead>
            <tr>
              <th scope="col">Revisione</th>
              <th scope="col">Pubblicata il</th>
              <th scope="col">Impronta SHA-256</th>
              <th scope="col">Modifiche</th>
              <th scope="col">Dati e testo</th>
            </tr>
          </thead>
          <tbody>
            {p.revisioni.map((r) => (
              <tr key={r.revisione}>
                <th scope="row">{r.revisione}{r.revisione === p.ultimaRevisione && " (in vigore)"}</th>
                <td>{formatGiorno(r.pubblicataIl)}</td>
                <td><code className="text-break">{r.sha256}</code></td>
                <td>{r.modifiche ?? (r.revisione === 1 ? "Prima pubblicazione" : "—")}</td>
                <td>
                  <a href={datiDi(r.revisione)}>dati.json<span className="visually-hidden"> della revisione {r.revisione}</span></a>
                  {" · "}
                  <Link href={`${b}/revisioni/${r.revisione}`}>testo<span className="visually-hidden"> della revisione {r.revisione}</span></Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
