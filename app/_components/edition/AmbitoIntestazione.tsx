import type { AmbitoDati, DatiEdizione } from "@/lib/publication/dati";

/** An ambito's heading facts as the report prints them: its objective, the settori (by name) and assessori who answer for it. */
export function AmbitoIntestazione({ ambito, settori }: { ambito: AmbitoDati; settori: DatiEdizione["settori"] }) {
  const nomi = ambito.settori.map((c) => settori.find((s) => s.codice === c)?.nome ?? c);
  return (
    <div className="callout ambito-intestazione mb-4">
      <div className="callout-title">Obiettivo</div>
      <p>{ambito.obiettivo}</p>
      <dl className="small mb-0 ambito-responsabili">
        <dt>{nomi.length === 1 ? "Settore" : "Settori"}</dt>
        <dd>{nomi.join(", ")}</dd>
        {ambito.assessori.length > 0 && (
          <>
            <dt>{ambito.assessori.length === 1 ? "Assessore" : "Assessori"}</dt>
            <dd>{ambito.assessori.join(", ")}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
