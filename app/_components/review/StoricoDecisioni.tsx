import { formatDataOra } from "@/lib/numbers/format";

const NOMI: Record<string, string> = {
  "sezione.invia": "Inviata alla revisione",
  "sezione.approva": "Approvata",
  "sezione.richiedi_modifiche": "Richieste modifiche",
  "sezione.riapri": "Riaperta",
};

/** Who decided what and when on this section. */
export function DecisionHistory({ decisioni }: { decisioni: { at: string; azione: string; chi: string; messaggio?: string }[] }) {
  if (decisioni.length === 0) return null;
  return (
    <section aria-labelledby="storia-decisioni" className="mb-4">
      <h2 id="storia-decisioni" className="h5">Storia delle decisioni</h2>
      <ol className="list-unstyled">
        {decisioni.map((d, i) => (
          <li key={i} className="mb-2">
            <strong>{NOMI[d.azione] ?? d.azione}</strong> — {d.chi}, {formatDataOra(d.at)}
            {d.messaggio && <span className="d-block small" style={{ whiteSpace: "pre-wrap" }}>«{d.messaggio}»</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
