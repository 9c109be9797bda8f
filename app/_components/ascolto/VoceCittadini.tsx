/**
 * "Cosa hanno detto i cittadini": in the section editor of an edition carried forward from
 * a published one, what citizens said about the same ambito there — how many rated its
 * page, the average, the distribution, and the comments the coordination handled, with
 * its note. Never an email; comments not yet handled stay with the coordination.
 */
import { DOMANDA_ASCOLTO, etichettaMotivo, VOTI } from "@/lib/ascolto/domande";
import type { VoceCittadini as Voce } from "@/lib/ascolto/queries";
import { formatNumero } from "@/lib/numbers/format";

export function VoceCittadini({ voce }: { voce: Voce }) {
  return (
    <section aria-labelledby="voce-cittadini" className="callout my-4">
      <div className="callout-title">
        <h2 id="voce-cittadini" className="h5 mb-0">Cosa hanno detto i cittadini</h2>
      </div>
      <p>
        Nel «{voce.edizione.titolo}» la pagina di questo ambito ha ricevuto {voce.conteggio === 1 ? "1 valutazione" : `${voce.conteggio} valutazioni`}
        {voce.media !== null && <>, in media {formatNumero(voce.media, { decimali: 1 })} stelle su 5</>}, alla domanda «{DOMANDA_ASCOLTO}»
      </p>
      <table className="table table-sm w-auto">
        <caption className="visually-hidden">Quante valutazioni per numero di stelle</caption>
        <thead>
          <tr>
            {VOTI.map((v) => (
              <th key={v} scope="col" className="text-end">{v === 1 ? "1 stella" : `${v} stelle`}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {voce.distribuzione.map((n, i) => (
              <td key={i} className="text-end">{n}</td>
            ))}
          </tr>
        </tbody>
      </table>
      {voce.gestiti.length > 0 ? (
        <>
          <h3 className="h6">Commenti gestiti dal coordinamento</h3>
          <ul className="list-unstyled mb-0">
            {voce.gestiti.map((g) => (
              <li key={g.id} className="mb-3">
                <p className="small mb-1">
                  {g.voto === 1 ? "1 stella" : `${g.voto} stelle`}
                  {g.motivo && ` · ${etichettaMotivo(g.motivo)}`}
                </p>
                <blockquote className="mb-1 text-break" style={{ whiteSpace: "pre-line" }}>«{g.commento}»</blockquote>
                {g.nota && (
                  <p className="small mb-0">
                    <span className="fw-semibold">Nota del coordinamento:</span> {g.nota}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="small mb-0">Nessun commento è stato ancora gestito dal coordinamento per questo ambito.</p>
      )}
    </section>
  );
}
