/** The coordinator's dashboard: the ambiti citizens rated least clear in a published edition, lowest average first. */
import Link from "next/link";
import type { AmbitoMenoChiaro } from "@/lib/ascolto/queries";
import { formatNumero } from "@/lib/numbers/format";

export function AmbitiMenoChiari({ edizione, ambiti }: { edizione: { slug: string; titolo: string }; ambiti: AmbitoMenoChiaro[] }) {
  return (
    <section aria-labelledby="meno-chiari-titolo" className="mb-5">
      <h2 id="meno-chiari-titolo" className="h4">Gli ambiti meno chiari per i cittadini</h2>
      {ambiti.length === 0 ? (
        <p>Nel «{edizione.titolo}» nessun ambito ha ancora abbastanza valutazioni.</p>
      ) : (
        <>
          <p>Dalle valutazioni del «{edizione.titolo}» (almeno 3 per ambito), dalla media più bassa:</p>
          <div className="table-responsive">
            <table className="table table-sm align-middle w-auto">
              <caption className="visually-hidden">Ambiti con la media delle stelle più bassa</caption>
              <thead>
                <tr>
                  <th scope="col">Ambito</th>
                  <th scope="col" className="text-end">Media su 5</th>
                  <th scope="col" className="text-end">Valutazioni</th>
                </tr>
              </thead>
              <tbody>
                {ambiti.map((a) => (
                  <tr key={a.codice}>
                    <th scope="row" className="fw-normal">
                      <Link href={`/ascolto?${new URLSearchParams({ edizione: edizione.slug, ambito: a.codice })}`}>{a.titolo}</Link>
                    </th>
                    <td className="text-end">{a.media === null ? "—" : formatNumero(a.media, { decimali: 1 })}</td>
                    <td className="text-end">{a.conteggio}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
