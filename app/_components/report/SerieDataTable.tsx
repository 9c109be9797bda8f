import type { Serie } from "@/lib/content/blocks";
import { formatValore } from "@/lib/numbers/format";

/** A series' numbers as an accessible table: the chart's twin for screen readers and for checking. */
export function SerieDataTable({ serie, didascalia }: { serie: Serie; didascalia: string }) {
  return (
    <table className="table table-sm">
      <caption className="visually-hidden">{didascalia}</caption>
      <thead>
        <tr>
          <th scope="col">{serie.grafico === "torta" ? "Categoria" : <span className="visually-hidden">Anno o categoria</span>}</th>
          {serie.serie.map((r, j) => (
            <th key={j} scope="col" className="text-end">{r.nome}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {serie.categorie.map((c, i) => (
          <tr key={i}>
            <th scope="row">{c}</th>
            {serie.serie.map((r, j) => {
              const v = r.valori[i];
              return (
                <td key={j} className="text-end">
                  {typeof v === "number" ? formatValore(v, serie.unita) : "—"}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
