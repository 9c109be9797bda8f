import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { indirizzi } from "@/app/_components/edition/IndiceNav";
import { base, caricaEdizione } from "../../_lib/carica";
import { Briciole } from "../../_components/Briciole";
import { ValutazionePagina } from "@/app/_components/ascolto/ValutazionePagina";
import { descrizione } from "../../_lib/descrizione";

// Served from the full-route cache: see app/edizioni/[slug]/page.tsx.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams(): { slug: string; parte: string }[] {
  return [];
}

type Params = { params: Promise<{ slug: string; parte: string }> };

function carica(slug: string, codice: string) {
  const e = caricaEdizione(slug);
  const parte = e?.indice.parti.find((p) => p.codice === codice);
  return e && parte ? { ...e, parte } : null;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, parte } = await params;
  const c = carica(slug, parte);
  if (!c) return { title: "Pagina non trovata" };
  const contenuto = [...c.parte.pagine.map((p) => p.titolo), ...c.parte.aree.map((a) => `Area ${a.numero} – ${a.titolo}`)].join("; ");
  return {
    title: `${c.parte.titolo} · ${c.pub.dati.edizione.titolo}`,
    description: descrizione(`${c.parte.titolo}, parte del ${c.pub.dati.edizione.titolo} (${c.pub.dati.ente.nome}): ${contenuto}.`),
  };
}

/** A part of the edition: its own pages, then its areas with their ambiti. */
export default async function PartePage({ params }: Params) {
  const { slug, parte: codice } = await params;
  const c = carica(slug, codice);
  if (!c) notFound();
  const { pub, parte } = c;
  const vai = indirizzi(base(slug));
  return (
    <>
      <Briciole voci={[{ href: "/edizioni", testo: "Edizioni" }, { href: base(slug), testo: pub.dati.edizione.titolo }]} corrente={parte.titolo} />
      <h1>{parte.titolo}</h1>
      {parte.pagine.length > 0 && (
        <nav aria-label={`Pagine di ${parte.titolo}`} className="my-4">
          <ul className="link-list list-unstyled">
            {parte.pagine.map((p) => (
              <li key={p.codice} className="mb-2 h5">
                <Link href={vai.pagina(p)}>{p.titolo}</Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {parte.aree.length > 0 && (
        <div className="row g-4 my-2">
          {parte.aree.map((a) => (
            <div key={a.segmento} className="col-md-6 col-lg-4">
              <div className="card card-bg senza-piede h-100 shadow-sm">
                <div className="card-body">
                  <h2 className="card-title h5">
                    <span className="d-block small text-uppercase text-muted">Area {a.numero}</span>{" "}
                    <Link href={vai.area(parte, a)}>{a.titolo}</Link>
                  </h2>
                  <ul className="list-unstyled mb-0">
                    {a.pagine.map((p) => (
                      <li key={p.codice} className="mb-1"><Link href={vai.pagina(p)}>{p.titolo}</Link></li>
                    ))}
                  </ul>
                </div>
              </div>
            </div>
          ))}
        </div>
      )}
      {parte.pagine.length === 0 && parte.aree.length === 0 && <p className="text-muted">Questa parte non ha pagine.</p>}
      <ValutazionePagina slug={slug} revisione={pub.revisione} percorso={parte.codice} />
    </>
  );
}
