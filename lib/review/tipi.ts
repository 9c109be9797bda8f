/** Plain types of the review, shared by the services and the client components that show them. */

/** A data check that stops or warns a submission, anchored to a block and field. */
export interface Problema {
  blockId: number;
  posizione: number;
  campo: string;
  livello: "errore" | "avviso";
  messaggio: string;
}

/** A comment with its replies, as a thread. */
export interface Commento {
  id: number;
  blockId: number | null;
  campo: string | null;
  parentId: number | null;
  autore: string;
  testo: string;
  risolto: boolean;
  createdAt: string;
  risposte: Commento[];
}
