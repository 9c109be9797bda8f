import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EdizioneCompleta } from "@/app/_components/edition/EdizioneCompleta";
import { formatDataOra, formatGiorno } from "@/lib/numbers/format";
import { periodo } from "@/lib/publication/indice";
import { base, caricaRevisione } from "../../../_lib/carica";
import { Briciole } from "../../../_components/Briciole";

// Served from the full-route cache: see app/edizioni/[slug]/page.tsx.
export const dynamicParams = true;
export const revalidate = false;
export function generateStaticParams(): { slug: string; n: string }[] {
  return [];
}

type Params = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, n } = await params;
  const p = caricaRevisione(slug, n);
  if (!p) return { title: "Revisione non trovata" };
  return {
    title: `Revisione ${p.revisione} · ${p.dati.edizione.titolo}`,
    description: `${p.dati.edizione.titolo} (${p.dati.ente.nome}), revisione ${p.revisione} pubblicata il ${formatGiorno(p.pubblicataIl)}: tutta l'edizione in una pagina.`,
  };
}

/** One revision of an edition, whole, from its own snapshot: the latest or an earlier one kept for the record. */
export default async function RevisionePage({ params }: Params) {
  const { slug, n } = await params;
  const p = caricaRevisione(slug, n);
  if (!p) notFound();
  const b = base(slug);
  const superata = p.revisione < p.ultimaRevisione;
  const datiJson = `${b}/revisioni/${p.revisione}/dati.json`;
  return (
    <>
      <Briciole voci={[{ href: "/edizioni", testo: "Edizioni" }, { href: b, testo: p.dati.edizione.titolo }]} corrente={`Revisione ${p.revisione}`} />
      {superata && (
        <div className="alert alert-warning" role="note">
          <p className="fw-semibold mb-1">Revisione {p.revisione}, sostituita dalla revisione {p.ultimaRevisione}.</p>
          <p className="mb-0">
            Questo testo è conservato così come fu pubblicato. <Link href={b}>Vai all&apos;edizione corrente</Link> o{" "}
            <Link href={`${b}#errata`}>leggi l&apos;elenco delle correzioni</Link>.
          </p>
        </div>
      )}
      <p className="text-uppercase fw-semibold text-primary mb-1">{p.dati.ente.nome}</p>
      <h1>
        {p.dati.edizione.titolo}{" "}
        <span className="d-block h4 mt-2">Revisione {p.revisione}{superata ? "" : " (in vigore)"}</span>
      </h1>
      <dl className="row small">
        <dt className="col-sm-3">Periodo</dt>
        <dd className="col-sm-9">{periodo(p.dati.edizione)}</dd>
        <dt className="col-sm-3">Pubblicata il</dt>
        <dd className="col-sm-9">{formatGiorno(p.pubblicataIl)}</dd>
        <dt className="col-sm-3">Firmata da</dt>
        <dd className="col-sm-9">{p.firma.nome}, il {formatDataOra(p.firma.firmataIl)}</dd>
        {p.modifiche && (
          <>
            <dt className="col-sm-3">Modifiche</dt>
            <dd className="col-sm-9">{p.modifiche}</dd>
          </>
        )}
        <dt className="col-sm-3">SHA-256 dei dati</dt>
        <dd className="col-sm-9">
          <code className="text-break" data-testid="sha256-revisione">{p.sha256}</code>
          <br />
          <a href={datiJson}>Scarica i dati di questa revisione (dati.json)</a> · <Link href={`${b}/integrita`}>Come verificarli</Link>
        </dd>
      </dl>
      <EdizioneCompleta dati={p.dati} basePath={superata ? undefined : b} />
    </>
  );
}
