"use server";

/** Review steps and comments: zod-validated, then lib/review/service checks the table, the policy and the version. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { aggiungiCommento, eseguiTransizione, risolviCommento } from "@/lib/review/service";
import { z } from "@/lib/zod-it";
import { chiCorrente } from "./session";

const id = z.number().int().positive();
const SCADUTA = { ok: false as const, tipo: "sessione_scaduta" as const, messaggio: "La sessione è scaduta: accedi di nuovo." };
const NON_VALIDA = { ok: false as const, tipo: "richiesta_non_valida" as const, messaggio: "Richiesta non valida." };

function aggiorna(sectionId: number) {
  for (const p of [`/sezioni/${sectionId}`, `/sezioni/${sectionId}/modifica`, `/revisione/${sectionId}`, "/revisione", "/coordinamento", "/settore"]) revalidatePath(p);
}

export async function transizioneAction(input: { sectionId: number; version: number; azione: string; messaggio?: string; confermaAvvisi?: boolean }) {
  const c = await chiCorrente();
  if (!c) return SCADUTA;
  const r = z
    .object({
      sectionId: id,
      version: z.number().int().positive(),
      azione: z.enum(["invia", "approva", "richiedi_modifiche", "riapri"]),
      messaggio: z.string().max(5000, "Al massimo 5000 caratteri").optional(),
      confermaAvvisi: z.boolean().optional(),
    })
    .safeParse(input);
  if (!r.success) return { ...NON_VALIDA, messaggio: r.error.issues[0]?.message ?? NON_VALIDA.messaggio };
  const esito = eseguiTransizione(getDb(), c, r.data);
  if (esito.ok) aggiorna(r.data.sectionId);
  return esito;
}

export async function commentoAction(input: { sectionId: number; blockId?: number | null; campo?: string | null; parentId?: number | null; testo: string }) {
  const c = await chiCorrente();
  if (!c) return SCADUTA;
  const r = z
    .object({
      sectionId: id,
      blockId: id.nullable().optional(),
      campo: z.string().max(100).nullable().optional(),
      parentId: id.nullable().optional(),
      testo: z.string().trim().min(1, "Scrivi il commento").max(5000, "Al massimo 5000 caratteri"),
    })
    .safeParse(input);
  if (!r.success) return { ...NON_VALIDA, messaggio: r.error.issues[0]?.message ?? NON_VALIDA.messaggio };
  const esito = aggiungiCommento(getDb(), c, r.data);
  if (esito.ok) aggiorna(r.data.sectionId);
  return esito;
}

export async function risolviCommentoAction(input: { sectionId: number; commentId: number; risolto: boolean }) {
  const c = await chiCorrente();
  if (!c) return SCADUTA;
  const r = z.object({ sectionId: id, commentId: id, risolto: z.boolean() }).safeParse(input);
  if (!r.success) return NON_VALIDA;
  const esito = risolviCommento(getDb(), c, r.data);
  if (esito.ok) aggiorna(r.data.sectionId);
  return esito;
}
