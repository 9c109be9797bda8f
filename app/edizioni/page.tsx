import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { periodo } from "@/lib/publication/indice";
import { edizioniPubblicate } from "@/lib/publication/queries";
import { formatGiorno } from "@/lib/numbers/format";

// One small query: read on every request, so a new publication shows at once.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Edizioni pubblicate",
  description:
    "Il Bilancio Sociale del Comune: che cosa ha fatto, con quali risorse e con quali risultati. Ogni edizione è firmata dall'Assessore, con i dati aperti in JSON e CSV e il documento in PDF.",
};

export default function EdizioniPage() {
  const elenco = edizioniPubblicate(getDb());
  return (
    <>
      <h1>Bilancio Sociale: le edizioni pubblicate</h1>
      <p className="lead">
        Il Bilancio Sociale racconta che cosa il Comune ha fatto, con quali risorse e con quali risultati. Ogni edizione è firmata
        dall&apos;Assessore e pubblicata così com&apos;è: le correzioni successive sono elencate come revisioni.
      </p>
      {elenco.length === 0 ? (
        <p className="alert alert-info">Nessuna edizione è ancora pubblicata.</p>
      ) : (
        <div className="table-responsive">
          <table className="table">
            <caption className="caption-top">Edizioni pubblicate, dalla più recente</caption>
            <thead>
              <tr>
                <th scope="col">Edizione</th>
                <th scope="col">Periodo</th>
                <th scope="col">Revisione</th>
                <th scope="col">Pubblicata il</th>
              </tr>
            </thead>
            <tbody>
              {elenco.map((e) => (
                <tr key={e.slug}>
                  <th scope="row"><Link href={`/edizioni/${e.slug}`}>{e.titolo}</Link></th>
                  <td>{periodo(e)}</td>
                  <td>{e.revisione === 1 ? "1 (prima pubblicazione)" : `${e.revisione} (con errata)`}</td>
                  <td>{formatGiorno(e.pubblicataIl)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
