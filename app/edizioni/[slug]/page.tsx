import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { IndiceNav, indirizzi } from "@/app/_components/edition/IndiceNav";
import { getDb } from "@/db/client";
import { cambiamentiDelleRevisioni } from "@/lib/publication/errata";
import { periodo } from "@/lib/publication/indice";
import { base, caricaEdizione } from "../_lib/carica";
import { formatGiorno } from "@/lib/numbers/format";
import { Errata } from "../_components/Errata";
import { Briciole } from "../_components/Briciole";
import { ValutazionePagina } from "@/app/_components/ascolto/ValutazionePagina";
import { valutazioniPubblicateDi } from "@/lib/ascolto/service";
import { linkAssoluto } from "@/lib/mail/link";
import { indirizziDcat } from "@/lib/opendata/dcat";
import { licenzaEnte } from "@/lib/opendata/catalogo";

// A published revision never changes: rendered on first request, then served from the
// full-route cache until the lifecycle calls revalidatePath("/edizioni", "layout").
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

type Params = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const e = caricaEdizione((await params).slug);
  if (!e) return { title: "Edizione non trovata" };
  const dcat = indirizziDcat(e.pub.slug);
  return {
    title: { absolute: `${e.pub.dati.edizione.titolo} · ${e.pub.dati.ente.nome}` },
    description: `${e.pub.dati.edizione.titolo} del ${e.pub.dati.ente.nome}: edizione pubblicata, dati aperti e verifica di integrità.`,
    // The DCAT-AP_IT description of the edition's data, for harvesters that start from the page.
    alternates: { types: { "application/ld+json": linkAssoluto(dcat.jsonld), "text/turtle": linkAssoluto(dcat.turtle) } },
  };
}

/** The cover of an edition's latest revision: index, errata, files and integrity. */
export default async function CopertinaPage({ params }: Params) {
  const { slug } = await params;
  const e = caricaEdizione(slug);
  if (!e) notFound();
  const { pub, indice } = e;
  const { dati } = pub;
  const b = base(slug);
  const licenza = licenzaEnte(getDb());
  return (
    <>
      <Briciole voci={[{ href: "/edizioni", testo: "Edizioni" }]} corrente={dati.edizione.titolo} />
      <div className="copertina-edizione mb-4">
        <p className="text-uppercase fw-semibold text-primary mb-1">{dati.ente.nome}</p>
        <h1>{dati.edizione.titolo}</h1>
        <p className="lead mb-1">Periodo di rendicontazione: {periodo(dati.edizione)}</p>
        <p>
          Revisione {pub.revisione}, pubblicata il {formatGiorno(pub.pubblicataIl)} · firmata da {pub.firma.nome}
          {pub.revisioni.length > 1 && (
            <>
              {" "}· <a href="#errata">{pub.revisioni.length - 1 === 1 ? "1 correzione" : `${pub.revisioni.length - 1} correzioni`} (errata)</a>
            </>
          )}
        </p>
        <p>
          <Link className="btn btn-primary me-2 mb-2" href={`${b}/revisioni/${pub.revisione}`}>Leggi tutta l&apos;edizione in una pagina</Link>
          <a className="btn btn-outline-primary mb-2" href={`${b}/bilancio-sociale.pdf`}>Scarica il PDF</a>
        </p>
      </div>

      {pub.revisioni.length > 1 && <Errata slug={slug} revisioni={pub.revisioni} corrente={pub.revisione} cambiamenti={cambiamentiDelleRevisioni(getDb(), slug)} />}

      <div className="row g-5">
        <div className="col-lg-8">
          <IndiceNav indice={indice} collegamenti={indirizzi(b)} />
        </div>
        <div className="col-lg-4">
          <section aria-labelledby="file-titolo" className="my-4">
            <h2 id="file-titolo" className="h4">Scarica i dati</h2>
            <ul className="list-unstyled">
              <li className="mb-2"><a href={`${b}/bilancio-sociale.pdf`}>Bilancio sociale completo (PDF)</a></li>
              <li className="mb-2"><a href={`${b}/sito.zip`}>Scarica il sito (ZIP)</a>: tutte le pagine, da aprire dal disco o pubblicare su un altro sito</li>
              <li className="mb-2"><a href={`${b}/dati.json`}>Dati aperti (JSON)</a></li>
              <li className="mb-2"><a href={`${b}/dati.csv`}>Dati aperti (CSV)</a></li>
              <li className="mb-2"><a href={`${b}/dati.schema.json`}>Schema dei dati (JSON Schema)</a></li>
              {valutazioniPubblicateDi(getDb(), slug) && (
                <li className="mb-2"><a href={`${b}/valutazioni.csv`}>Valutazioni dei cittadini per ambito (CSV)</a></li>
              )}
              <li className="mb-2">
                Descrizione per i cataloghi di dati aperti (DCAT-AP_IT): <a href={indirizziDcat(slug).jsonld}>JSON-LD</a>, <a href={indirizziDcat(slug).turtle}>Turtle</a>
              </li>
            </ul>
            <p className="small">
              Licenza dei dati: <a href={licenza.uri} rel="license">{licenza.nome} ({licenza.sigla})</a>
            </p>
          </section>
          <section aria-labelledby="integrita-titolo" className="my-4">
            <h2 id="integrita-titolo" className="h4">Integrità</h2>
            <p className="small">
              Impronta SHA-256 di <code>dati.json</code>: <code className="text-break">{pub.sha256}</code>
            </p>
            <p><Link href={`${b}/integrita`}>Come verificare che i dati non sono stati modificati</Link></p>
            <p className="small"><a href={`${b}/SHA256SUMS`}>Impronte SHA-256 di tutti i file dell&apos;edizione (SHA256SUMS)</a></p>
          </section>
        </div>
      </div>

      <ValutazionePagina slug={slug} revisione={pub.revisione} percorso="" />
    </>
  );
}
