/**
 * The page's one registry of unsaved edits (lib/sections/salvataggi-in-sospeso.ts): every open
 * block editor registers in it, and every step that freezes or leaves the section (send, approve,
 * request changes, reopen, logout, navigation) first calls `completaSalvataggi`. A module, not a
 * React context: the workflow buttons, the header's logout and the editor are separate trees.
 */
import { creaRegistroSalvataggi, type EsitoCompletamento, type ProblemaBlocco } from "@/lib/sections/salvataggi-in-sospeso";

export { descriviProblema, type ProblemaBlocco } from "@/lib/sections/salvataggi-in-sospeso";

const registro = creaRegistroSalvataggi();

export const registraBlocco = registro.registra;
export const ciSonoModificheInSospeso = registro.inSospeso;
export const ciSonoSalvataggiInCorso = registro.inSalvataggio;

type Ascoltatore = (e: EsitoCompletamento) => void;
const ascoltatori = new Set<Ascoltatore>();

/** Told of every outcome, so the editor's banner shows a refusal whoever asked (the header's logout, a link) and drops it after. */
export function ascoltaRifiuti(a: Ascoltatore): () => void {
  ascoltatori.add(a);
  return () => ascoltatori.delete(a);
}

/**
 * Waits for every block's pending save, then says whether `passo` ("inviare la sezione",
 * "uscire"…) may go on. On a refusal the first block at fault gets the focus, and unless
 * `mostraAltrove` is false (the workflow panel shows it itself) the editor's banner lists them.
 */
export async function completaSalvataggi(passo: string, { mostraAltrove = true } = {}): Promise<EsitoCompletamento> {
  const esito = await registro.completa(passo);
  for (const a of ascoltatori) a(mostraAltrove ? esito : { ok: true });
  if (!esito.ok) requestAnimationFrame(() => vaiAlProblema(esito.problemi[0]));
  return esito;
}

export function vaiAlProblema(p: ProblemaBlocco): void {
  const el = document.getElementById(p.elementoId) ?? document.getElementById(`blocco-${p.blockId}-intestazione`);
  el?.scrollIntoView({ block: "center" });
  el?.focus();
}
