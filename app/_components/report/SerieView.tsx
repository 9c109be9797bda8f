import type { Serie } from "@/lib/content/blocks";
import { graficoSvg } from "@/lib/charts";
import { NoteRef } from "./NoteRef";
import { SerieDataTable } from "./SerieDataTable";

/** A chart drawn on the server, with the same numbers as an accessible table beside it. */
export function SerieView({ b, note, id }: { b: Serie; note: number[]; id: string }) {
  const svg = graficoSvg(b);
  return (
    <figure className="serie my-4" aria-labelledby={`${id}-titolo`}>
      <figcaption id={`${id}-titolo`} className="h5">
        {b.titolo}
        <NoteRef numeri={note} />
      </figcaption>
      {svg === null ? (
        <div className="alert alert-warning" role="note">
          Dati del grafico non disponibili: la fonte non ne riporta i valori.
        </div>
      ) : (
        <div className="row g-3 align-items-start">
          {/* The SVG comes from ECharts, which escapes every label; it repeats the table, so it is hidden from screen readers. */}
          <div className="col-lg-7 grafico" aria-hidden="true" dangerouslySetInnerHTML={{ __html: svg }} />
          <div className="col-lg-5 table-responsive">
            <SerieDataTable serie={b} didascalia={`Dati del grafico: ${b.titolo}`} />
          </div>
        </div>
      )}
    </figure>
  );
}
