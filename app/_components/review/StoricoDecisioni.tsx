import { etichettaAzione } from "@/lib/audit/vocabolario";
import { formatDataOra } from "@/lib/numbers/format";

/** Who decided what and when on this section. */
export function StoricoDecisioni({ decisioni }: { decisioni: { at: string; azione: string; chi: string; messaggio?: string }[] }) {
  if (decisioni.length === 0) return null;
  return (
    <section aria-labelledby="storia-decisioni" className="mb-4">
      <h2 id="storia-decisioni" className="h5">Storia delle decisioni</h2>
      <ol className="list-unstyled">
        {decisioni.map((d, i) => (
          <li key={i} className="mb-2">
            <strong>{etichettaAzione(d.azione)}</strong> — {d.chi}, {formatDataOra(d.at)}
            {d.messaggio && <span className="d-block small" style={{ whiteSpace: "pre-wrap" }}>«{d.messaggio}»</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
