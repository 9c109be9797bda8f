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

/** Why a revision of a section was recorded, and how the history pages name it. */
export const MOTIVI_REVISIONE = ["salvataggio", "invio", "approvazione", "ripristino", "importazione"] as const;
export type MotivoRevisione = (typeof MOTIVI_REVISIONE)[number];
export const ETICHETTE_MOTIVO_REVISIONE: Record<MotivoRevisione, string> = {
  salvataggio: "Modifiche",
  invio: "Invio alla revisione",
  approvazione: "Approvazione",
  ripristino: "Ripristino",
  importazione: "Importazione",
};
