import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EdizioneCompleta } from "@/app/_components/edition/EdizioneCompleta";
import { formatDataOra, formatGiorno } from "@/lib/numbers/format";
import { indirizzoRevisione } from "@/lib/publication/file-pubblici";
import { periodo } from "@/lib/publication/indice";
import { base, caricaRevisione } from "../../../../_lib/carica";

/**
 * The print page of one revision: cover and the whole report, laid out for A4.
 * Headless Chromium prints it into bilancio-sociale.pdf (lib/publication/pdf.ts);
 * a reader may also print it from the browser. It is read from the snapshot
 * only and never from the session. The cover holds only what never changes
 * for the revision (the PDF is made once and kept), so no "superseded" notice.
 */
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; n: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug, n } = await params;
  const p = caricaRevisione(slug, n);
  return {
    // Also the PDF's document title: without the site's " · Bilancio Sociale" suffix.
    title: p ? { absolute: `${p.dati.edizione.titolo} – ${p.dati.ente.nome} (revisione ${p.revisione})` } : "Revisione non trovata",
    // The same text lives at the edition's own pages: search engines should index those.
    robots: { index: false, follow: true },
  };
}

// Bootstrap's grid breakpoints are for screens: an A4 page is about 670 CSS px wide, so the
// columns the report uses on a desktop are restored here; site chrome is left out.
const STAMPA = `
@page { size: A4; margin: 18mm 16mm; }
@media print {
  .it-header-wrapper, .it-footer, .solo-schermo, nextjs-portal, [data-nextjs-toast] { display: none !important; }
  html, body { background: #fff !important; }
  body { font-size: 10.5pt; }
  main#contenuto { max-width: none; margin: 0 !important; }
  a { color: inherit !important; text-decoration: none !important; }
  /* Chromium prints shadows as bitmaps: a thin border says "card" in a few bytes. */
  *, *::before, *::after, .shadow-sm, .shadow, .shadow-lg { box-shadow: none !important; text-shadow: none !important; }
  .card { border: 1px solid #d9dadb !important; }
  .copertina { break-after: page; min-height: 230mm; }
  .parte-edizione { break-before: page; border-top: 0 !important; margin-top: 0 !important; }
  h1, h2, h3, h4 { break-after: avoid; }
  .row > *, .card, figure, tr, .grafico { break-inside: avoid; }
  /* Grid rather than wrapping flex rows: Chromium splits a wrapped flex row across pages badly
     (cards keep the height of the line they left and their text spills out). */
  .row:has(> .col-lg-4) { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .row:has(> .col-lg-3) { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); }
  .row:has(> .col-md-6) { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .row:has(> .col-lg-4) > *, .row:has(> .col-lg-3) > *, .row:has(> .col-md-6) > * { width: auto; max-width: none; }
  .table-responsive { overflow: visible !important; }
}
/* The index's page numbers (filled in by lib/publication/pdf.ts), right-aligned after dotted leaders. */
.indice-edizione .numero-pagina { float: right; padding-left: 0.5em; background: #fff; }
@media print { .indice-edizione { break-after: page; } }
.copertina { display: flex; flex-direction: column; justify-content: space-between; }
.copertina dl { font-size: 0.95rem; }
.copertina dt { margin-top: 0.5rem; }
.copertina .impronta { word-break: break-all; }
`;

export default async function StampaPage({ params }: Params) {
  const { slug, n } = await params;
  const p = caricaRevisione(slug, n);
  if (!p) notFound();
  const { dati } = p;
  const datiJson = indirizzoRevisione(p.slug, p.revisione, "json");
  return (
    <>
      <style>{STAMPA}</style>
      <p className="solo-schermo alert alert-info small">
        Versione per la stampa della revisione {p.revisione}. Il PDF già impaginato è all&apos;indirizzo{" "}
        <a href={indirizzoRevisione(p.slug, p.revisione, "pdf")}>bilancio-sociale.pdf</a>; l&apos;edizione da leggere sullo schermo è{" "}
        <a href={base(p.slug)}>qui</a>.
      </p>
      <section className="copertina" aria-labelledby="copertina-titolo" data-testid="copertina">
        <div className="pt-5">
          <p className="text-uppercase fw-semibold text-primary h5 mb-3">{dati.ente.nome}</p>
          <h1 id="copertina-titolo" className="display-4 fw-bold">{dati.edizione.titolo}</h1>
          <p className="lead">Periodo di rendicontazione: {periodo(dati.edizione)}</p>
        </div>
        <dl className="border-top pt-3">
          <dt>Revisione</dt>
          <dd>
            {p.revisione === 1 ? "1 (prima pubblicazione)" : p.revisione}
            {p.modifiche && <> — correzioni: {p.modifiche}</>}
          </dd>
          <dt>Firmato da</dt>
          <dd>{p.firma.nome}, il {formatDataOra(p.firma.firmataIl)}</dd>
          <dt>Pubblicato il</dt>
          <dd>{formatGiorno(p.pubblicataIl)}</dd>
          <dt>Impronta SHA-256 dei dati (dati.json)</dt>
          <dd>
            <code className="impronta" data-testid="sha256-stampa">{p.sha256}</code>
            <br />
            Chiunque può verificarla: scarica {datiJson} dal sito del Comune e calcolane l&apos;impronta (per esempio con{" "}
            <code>sha256sum dati.json</code>); deve essere uguale a questa. La pagina {base(p.slug)}/integrita spiega come.
          </dd>
        </dl>
      </section>
      <EdizioneCompleta dati={dati} stampa />
    </>
  );
}
