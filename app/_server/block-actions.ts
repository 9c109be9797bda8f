"use server";

/**
 * Server actions of the section editor. Each one validates its input with zod,
 * identifies the user from the database, and hands over to lib/blocks/service,
 * which checks the policy and writes the change with its audit row in one transaction.
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import * as servizio from "@/lib/blocks/service";
import { TIPI_BLOCCO } from "@/db/schema";
import { z } from "@/lib/zod-it";
import { chiCorrente } from "./session";

export type SessioneScaduta = { ok: false; tipo: "sessione_scaduta"; messaggio: string };
type Risposta<T> = T | SessioneScaduta | { ok: false; tipo: "richiesta_non_valida"; messaggio: string };

const id = z.number().int().positive();

async function esegui<I, T>(schema: z.ZodType<I>, input: unknown, fn: (c: servizio.Chi, i: I) => T, sezioneDa?: (i: I) => number | undefined): Promise<Risposta<T>> {
  const c = await chiCorrente();
  if (!c) return { ok: false, tipo: "sessione_scaduta", messaggio: "La sessione è scaduta: accedi di nuovo. Quanto hai scritto è conservato in questo browser." };
  const r = schema.safeParse(input);
  if (!r.success) return { ok: false, tipo: "richiesta_non_valida", messaggio: "Richiesta non valida." };
  const esito = fn(c, r.data);
  const sectionId = sezioneDa?.(r.data);
  if (sectionId) revalidatePath(`/sezioni/${sectionId}`);
  return esito;
}

export async function salvaBloccoAction(input: { blockId: number; version: number; dati: unknown }) {
  return esegui(z.object({ blockId: id, version: z.number().int().positive(), dati: z.unknown() }), input, (c, i) => servizio.salvaBlocco(getDb(), c, i));
}

export async function aggiungiBloccoAction(input: { sectionId: number; tipo: string; posizione?: number; dati?: unknown }) {
  const schema = z.object({ sectionId: id, tipo: z.enum(TIPI_BLOCCO), posizione: z.number().int().min(0).optional(), dati: z.unknown().optional() });
  return esegui(schema, input, (c, i) => servizio.aggiungiBlocco(getDb(), c, i), (i) => i.sectionId);
}

export async function eliminaBloccoAction(input: { blockId: number; version: number }) {
  return esegui(z.object({ blockId: id, version: z.number().int().positive() }), input, (c, i) => servizio.eliminaBlocco(getDb(), c, i));
}

export async function spostaBloccoAction(input: { blockId: number; direzione: "su" | "giu" }) {
  return esegui(z.object({ blockId: id, direzione: z.enum(["su", "giu"]) }), input, (c, i) => servizio.spostaBlocco(getDb(), c, i));
}

export async function duplicaBloccoAction(input: { blockId: number }) {
  return esegui(z.object({ blockId: id }), input, (c, i) => servizio.duplicaBlocco(getDb(), c, i));
}

export async function ripristinaRevisioneAction(input: { sectionId: number; numero: number }) {
  return esegui(z.object({ sectionId: id, numero: z.number().int().positive() }), input, (c, i) => servizio.ripristinaRevisione(getDb(), c, i), (i) => i.sectionId);
}
