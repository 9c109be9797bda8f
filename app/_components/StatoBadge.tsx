import { type RigaSezione } from "@/lib/sections/tipi";
import { ETICHETTE_STATO_SEZIONE } from "@/lib/workflow";

// Dark text on light tints and white on dark fills keep AA contrast.
const CLASSI: Record<RigaSezione["stato"], string> = {
  bozza: "bg-light text-dark border",
  inviata: "bg-primary text-white",
  da_rivedere: "bg-warning text-dark",
  approvata: "bg-success text-white",
};

export function StatoBadge({ stato }: { stato: RigaSezione["stato"] }) {
  return <span className={`badge badge-stato ${CLASSI[stato]}`}>{ETICHETTE_STATO_SEZIONE[stato]}</span>;
}
