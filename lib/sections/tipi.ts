/** Plain types of sections, for server code and client components alike. */
import type { StatoSezione } from "../workflow";

/** A section as the lists show it: where it sits, who owns it, its state, deadline and blocks. */
export interface RigaSezione {
  id: number;
  titolo: string;
  version: number;
  partId: number;
  areaId: number | null;
  stato: StatoSezione;
  scadenza: string | null;
  settoreId: number;
  settoreNome: string;
  parteTitolo: string;
  areaNumero: number | null;
  areaTitolo: string | null;
  blocchi: number;
}
