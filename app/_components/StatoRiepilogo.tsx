import { type RigaSezione } from "@/lib/sections/tipi";
import { ETICHETTE_STATO_SEZIONE, STATI_SEZIONE } from "@/lib/workflow";

/** How many sections are in each state. */
export function StatoRiepilogo({ sezioni }: { sezioni: RigaSezione[] }) {
  return (
    <ul className="row g-3 mb-4 list-unstyled" aria-label="Sezioni per stato">
      {STATI_SEZIONE.map((stato) => (
        <li key={stato} className="col-6 col-md-3">
          <div className="card card-bg senza-piede shadow-sm">
            <div className="card-body">
              <p className="small mb-1">{ETICHETTE_STATO_SEZIONE[stato]}</p>
              <p className="h3 mb-0">{sezioni.filter((s) => s.stato === stato).length}</p>
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
