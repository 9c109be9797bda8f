/**
 * The request log line (server.ts writes one per request): what is in it and what is
 * never. The path is logged without its query (a callbackUrl, a search) and with the
 * secret part of mailed links replaced: /invito/<token> is logged as /invito/:token.
 */
const CON_TOKEN = /^\/(invito|reimposta|conferma-email)\/[^/]+/;

export function percorsoDaRegistrare(url: string | undefined): string {
  const percorso = (url ?? "/").split(/[?#]/, 1)[0].slice(0, 300);
  return percorso.replace(CON_TOKEN, "/$1/:token");
}

export interface DatiRichiesta {
  id: string;
  metodo: string | undefined;
  url: string | undefined;
  stato: number;
  ms: number;
  utente?: number;
  /** The client went away before the answer was complete. */
  interrotta: boolean;
  /** Answered from the published folders, before Next.js. */
  daFile: boolean;
}

/** The fields of the line: request id, method, route, status, duration (ms, 0.1 precision), user id. */
export function rigaRichiesta(d: DatiRichiesta): Record<string, string | number | boolean> {
  const riga: Record<string, string | number | boolean> = {
    req: d.id,
    metodo: d.metodo ?? "?",
    percorso: percorsoDaRegistrare(d.url),
    stato: d.stato,
    ms: Math.round(d.ms * 10) / 10,
  };
  if (d.utente !== undefined) riga.utente = d.utente;
  if (d.daFile) riga.file = true;
  if (d.interrotta) riga.interrotta = true;
  return riga;
}
