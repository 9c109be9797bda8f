/**
 * The one way to write a server action: who is asking (from the database, on
 * every call) → the input checked with zod on the server → the service, which
 * decides with the policy and writes the change with its audit row → one answer
 * shape that every form reads the same way:
 *
 *   { ok: true, ... } | { ok: false, tipo, messaggio, campi? }
 *
 * `campi` maps a field's name (dotted path) to its Italian message, for the form
 * to show beside the field while keeping what the user typed.
 */
import "server-only";
import type { z } from "@/lib/zod-it";
import { erroriDaZod, type Chi, type ErroreCampo } from "@/lib/servizio";
import { chiCorrente } from "./session";

export const MESSAGGIO_SESSIONE_SCADUTA = "La sessione è scaduta: accedi di nuovo.";

export type SessioneScaduta = { ok: false; tipo: "sessione_scaduta"; messaggio: string; campi?: Record<string, string> };
export type RichiestaNonValida = { ok: false; tipo: "non_valido"; messaggio: string; errori: ErroreCampo[]; campi: Record<string, string> };
/** What every action answers: the service's own result, or one of the two refusals this layer makes. */
export type Risposta<R> = CampiAggiunti<R> | SessioneScaduta | RichiestaNonValida;
type CampiAggiunti<R> = R extends { ok: false } ? R & { campi?: Record<string, string> } : R;

type EsitoServizio = { ok: boolean };

const SCADUTA: SessioneScaduta = { ok: false, tipo: "sessione_scaduta", messaggio: MESSAGGIO_SESSIONE_SCADUTA };

export function campiDa(errori: readonly ErroreCampo[]): Record<string, string> {
  const campi: Record<string, string> = {};
  for (const e of errori) campi[e.campo || "_"] ??= e.messaggio;
  return campi;
}

function nonValida(issues: z.core.$ZodIssue[]): RichiestaNonValida {
  const errori = erroriDaZod(issues);
  return { ok: false, tipo: "non_valido", messaggio: errori.length === 1 ? errori[0].messaggio : "Controlla i campi segnalati.", errori, campi: campiDa(errori) };
}

/** A service's refusal with its field errors also as `campi`, so forms read one shape. */
function conCampi<R extends EsitoServizio>(esito: R): CampiAggiunti<R> {
  if (!esito.ok && "errori" in esito && Array.isArray(esito.errori) && !("campi" in esito)) {
    return { ...esito, campi: campiDa(esito.errori as ErroreCampo[]) } as unknown as CampiAggiunti<R>;
  }
  return esito as CampiAggiunti<R>;
}

interface Definizione<S extends z.ZodType, R extends EsitoServizio, C> {
  input: S;
  esegui: (chi: C, input: z.output<S>) => R | Promise<R>;
  /** After a success: the pages to revalidate, a redirect target to compute… Never for writing. */
  dopo?: (input: z.output<S>, esito: Extract<R, { ok: true }>) => void;
}

async function esegui<S extends z.ZodType, R extends EsitoServizio, C>(def: Definizione<S, R, C>, chi: C, grezzo: unknown): Promise<Risposta<R>> {
  const r = def.input.safeParse(grezzo);
  if (!r.success) return nonValida(r.error.issues);
  const esito = await def.esegui(chi, r.data);
  if (esito.ok) def.dopo?.(r.data, esito as Extract<R, { ok: true }>);
  return conCampi(esito);
}

/** An action for a signed-in user, called with a plain object. */
export function azione<S extends z.ZodType, R extends EsitoServizio>(def: Definizione<S, R, Chi>): (input: z.input<S>) => Promise<Risposta<R>> {
  return async (input) => {
    const chi = await chiCorrente();
    return chi ? esegui(def, chi, input) : SCADUTA;
  };
}

/** A form's fields as an object: repeated names become arrays, empty text fields are left out. */
export function campiModulo(form: FormData): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of new Set(form.keys())) {
    if (k.startsWith("$ACTION")) continue;
    const valori = form.getAll(k).filter((v) => v !== "");
    if (valori.length === 0) continue;
    o[k] = valori.length === 1 ? valori[0] : valori;
  }
  return o;
}

/** An action for a signed-in user, bound to a <form> with useActionState: (previous answer, FormData). */
export function azioneModulo<S extends z.ZodType, R extends EsitoServizio>(
  def: Definizione<S, R, Chi> & { leggi?: (form: FormData) => unknown },
): (precedente: unknown, form: FormData) => Promise<Risposta<R>> {
  return async (_precedente, form) => {
    const chi = await chiCorrente();
    return chi ? esegui(def, chi, (def.leggi ?? campiModulo)(form)) : SCADUTA;
  };
}

/**
 * An action that needs no session (asking for a password reset, accepting an
 * invitation, the first start): the same validation and answer shape. The service
 * must still decide who may do what, typically from a single-use token.
 */
export function azionePubblicaModulo<S extends z.ZodType, R extends EsitoServizio>(
  def: Definizione<S, R, null> & { leggi?: (form: FormData) => unknown },
): (precedente: unknown, form: FormData) => Promise<Risposta<R>> {
  return async (_precedente, form) => esegui(def, null, (def.leggi ?? campiModulo)(form));
}
