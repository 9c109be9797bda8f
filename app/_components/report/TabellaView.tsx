import type { Tabella } from "@/lib/content/blocks";
import { colonneDiAnni, cellaStampata } from "@/lib/content/tabelle";
import { NoteRef } from "./NoteRef";

export function TabellaView({ b, note }: { b: Tabella; note: number[] }) {
  const anni = colonneDiAnni(b);
  return (
    <div className="table-responsive my-4">
      <table className="table table-striped">
        <caption className="caption-top h5 text-body">
          {b.titolo}
          <NoteRef numeri={note} />
        </caption>
        <thead>
          <tr>
            {b.intestazione.map((h, i) => (
              <th key={i} scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {b.righe.map((riga, i) => (
            <tr key={i}>
              {riga.map((c, j) => (
                <td key={j} className={typeof c === "number" && !anni[j] ? "text-end" : undefined}>
                  {cellaStampata(c, anni[j])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
