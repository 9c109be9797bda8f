/** Plain types of the block editor, shared by the service and the client components. */
import type { Blocco } from "../content/blocks";

/** A block as saved: its version guards the next save. */
export interface BloccoSalvato {
  id: number;
  version: number;
  dati: Blocco;
  salvatoIl: string;
  autore: string | null;
}
