/**
 * The unsaved edits of an editing page, as a registry: each open block says whether something
 * typed is not yet on the server and can be told to save it now. A step that freezes or leaves
 * the section asks `completa` first: it waits for every block's save and names, in the
 * section's order, each block that still cannot be saved (invalid, conflicting, offline).
 * No React and no DOM here: the page keeps one registry (app/_components/editor/salvataggi.ts).
 */

/** Why a block cannot be left as it is, and where to take the user. */
export interface ProblemaBlocco {
  blockId: number;
  /** 0-based place in the section, for "Blocco 3". */
  posizione: number;
  /** The kind's Italian name ("Indicatore"). */
  tipo: string;
  messaggio: string;
  /** The element to focus: the field at fault, else the block's heading. */
  elementoId: string;
}

export interface BloccoRegistrato {
  /** Saves now whatever is pending and waits for it; the problem left afterwards, or null when the server holds it all. */
  completa: () => Promise<ProblemaBlocco | null>;
  /** Something typed is not yet on the server (pending, in flight, invalid, conflicting). */
  inSospeso: () => boolean;
  /** A save is waiting for its turn or on the wire. */
  inSalvataggio: () => boolean;
}

export type EsitoCompletamento = { ok: true } | { ok: false; messaggio: string; problemi: ProblemaBlocco[] };

/** "Blocco 3 (Indicatore): …", as every refusal lists it. */
export function descriviProblema(p: ProblemaBlocco): string {
  return `Blocco ${p.posizione + 1} (${p.tipo}): ${p.messaggio}`;
}

export function creaRegistroSalvataggi() {
  const blocchi = new Map<number, BloccoRegistrato>();
  return {
    /** Registers a block's editor; the returned function unregisters it (only if still the same). */
    registra(blockId: number, b: BloccoRegistrato): () => void {
      blocchi.set(blockId, b);
      return () => {
        if (blocchi.get(blockId) === b) blocchi.delete(blockId);
      };
    },
    inSospeso: (): boolean => [...blocchi.values()].some((b) => b.inSospeso()),
    inSalvataggio: (): boolean => [...blocchi.values()].some((b) => b.inSalvataggio()),
    /** Waits for every block's save; `passo` names the step in the refusal ("inviare la sezione"). */
    async completa(passo: string): Promise<EsitoCompletamento> {
      const esiti = await Promise.all([...blocchi.values()].map((b) => b.completa()));
      const problemi = esiti.filter((p): p is ProblemaBlocco => p !== null).sort((a, b) => a.posizione - b.posizione);
      if (problemi.length === 0) return { ok: true };
      const quali = problemi.length === 1 ? "il blocco segnalato" : `i ${problemi.length} blocchi segnalati`;
      return { ok: false, messaggio: `Prima di ${passo} correggi ${quali}: le modifiche non sono ancora salvate.`, problemi };
    },
  };
}
