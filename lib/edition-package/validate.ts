/** Validates an edition package and reports every problem with its JSON path, in Italian. */
import type { z } from "zod";
import { MESSAGGIO_TROPPO_PROFONDO, troppoProfondo } from "../content/profondita";
import { pacchettoSchema, type Pacchetto } from "./schema";

export interface ErrorePacchetto {
  /** JSONPath-like location: "$.parti[2].aree[0].ambiti[1].sezione.blocchi[3].valore". */
  percorso: string;
  messaggio: string;
}

export function percorsoJson(path: readonly PropertyKey[]): string {
  return "$" + path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
}

export function erroriDa(error: z.ZodError): ErrorePacchetto[] {
  return error.issues.map((i) => ({ percorso: percorsoJson(i.path), messaggio: i.message }));
}

export type EsitoValidazione = { ok: true; pacchetto: Pacchetto } | { ok: false; errori: ErrorePacchetto[] };

export function validaPacchetto(dati: unknown): EsitoValidazione {
  const profondo = troppoProfondo(dati);
  if (profondo) return { ok: false, errori: [{ percorso: percorsoJson(profondo), messaggio: MESSAGGIO_TROPPO_PROFONDO }] };
  const r = pacchettoSchema.safeParse(dati);
  return r.success ? { ok: true, pacchetto: r.data } : { ok: false, errori: erroriDa(r.error) };
}

/** Parses text first, so a file that is not JSON gets an Italian message too. */
export function validaTestoPacchetto(testo: string): EsitoValidazione {
  let dati: unknown;
  try {
    dati = JSON.parse(testo);
  } catch (e) {
    return { ok: false, errori: [{ percorso: "$", messaggio: `Il file non è JSON valido: ${(e as Error).message}` }] };
  }
  return validaPacchetto(dati);
}
