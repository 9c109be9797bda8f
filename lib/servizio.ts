/**
 * What every service shares: who is acting, the one result shape, and the one
 * way to open a write transaction. Plain types and one helper, no React or HTTP.
 */
import type { Db, Tx } from "../db/client";
import type { z } from "zod";
import { decidi, type AzioneGenerale, type Attore } from "./policy";

/** The person acting, as the services need them: id, email for the audit trail, roles for the policy. */
export interface Chi {
  userId: number;
  email: string;
  attore: Attore;
}

export interface ErroreCampo {
  /** Dotted path inside the input: "valore", "serie.0.valori.2", "email". */
  campo: string;
  messaggio: string;
}

/** Why a service refused, in Italian, with what the form needs to show it. */
export type Fallimento<Corrente = null> =
  | { ok: false; tipo: "conflitto"; corrente: Corrente | null; messaggio: string }
  | { ok: false; tipo: "non_valido"; errori: ErroreCampo[]; messaggio: string }
  | { ok: false; tipo: "negato"; messaggio: string }
  | { ok: false; tipo: "non_trovato"; messaggio: string };

/** A service's answer: `{ ok: true, ...T }` or one of the refusals. */
export type Esito<T = object, Corrente = null> = ({ ok: true } & T) | Fallimento<Corrente>;

export const negato = (messaggio: string) => ({ ok: false, tipo: "negato", messaggio }) as const;
export const nonTrovato = (messaggio: string) => ({ ok: false, tipo: "non_trovato", messaggio }) as const;
export const nonValido = (errori: ErroreCampo[], messaggio = "Controlla i campi segnalati.") => ({ ok: false, tipo: "non_valido", errori, messaggio }) as const;

/** The refusal when `chi` may not take a general action (one that needs no resource), else null. */
export function senzaPermesso(chi: Chi, azione: AzioneGenerale): ReturnType<typeof negato> | null {
  const d = decidi(chi.attore, azione);
  return d.consentito ? null : negato(d.motivo);
}

/** The input parsed by `schema`, or the refusal with each field's message. */
export function convalida<S extends z.ZodType>(schema: S, input: unknown): { ok: true; dati: z.output<S> } | ReturnType<typeof nonValido> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, dati: r.data } : nonValido(erroriDaZod(r.error.issues));
}

/** zod issues as field errors, with their dotted path. */
export function erroriDaZod(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErroreCampo[] {
  return issues.map((i) => ({ campo: i.path.map(String).join("."), messaggio: i.message }));
}

/**
 * Runs a change and its audit row as one write transaction. Always IMMEDIATE:
 * the write lock is taken at BEGIN, so the reads that guard the change (versions,
 * states, counters) cannot be overtaken by another writer before it commits.
 */
export function inTransazione<T>(db: Db, fn: (tx: Tx) => T): T {
  return db.transaction((tx) => fn(tx), { behavior: "immediate" });
}
