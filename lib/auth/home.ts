import type { Attore } from "../policy";
import { decidi } from "../policy";

/** Where a user lands after login: the home of their most operational role. */
export function homeDi(a: Attore): string {
  if (decidi(a, "coordinamento.accedi").consentito) return "/coordinamento";
  if (decidi(a, "settore.lavora").consentito) return "/settore";
  if (decidi(a, "utenti.gestisci").consentito) return "/amministrazione";
  if (decidi(a, "edizioni.elenca").consentito) return "/edizione";
  return "/nessun-ruolo";
}
