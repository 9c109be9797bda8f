"use server";

/** Review steps and comments, through the one action wrapper; lib/review/service checks the table, the policy and the version. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { aggiungiCommento, eseguiTransizione, risolviCommento } from "@/lib/review/service";
import { AZIONI_FLUSSO } from "@/lib/workflow";
import { z } from "@/lib/zod-it";
import { azione } from "./azione";

const id = z.number().int().positive();

function aggiorna({ sectionId }: { sectionId: number }) {
  for (const p of [`/sezioni/${sectionId}`, `/sezioni/${sectionId}/modifica`, `/revisione/${sectionId}`, "/revisione", "/coordinamento", "/settore"]) revalidatePath(p);
}

export const transizioneAction = azione({
  input: z.object({
    sectionId: id,
    version: z.number().int().positive(),
    azione: z.enum(AZIONI_FLUSSO),
    messaggio: z.string().max(5000, "Al massimo 5000 caratteri").optional(),
    confermaAvvisi: z.boolean().optional(),
  }),
  esegui: (chi, i) => eseguiTransizione(getDb(), chi, i),
  dopo: aggiorna,
});

export const commentoAction = azione({
  input: z.object({
    sectionId: id,
    blockId: id.nullable().optional(),
    campo: z.string().max(100).nullable().optional(),
    parentId: id.nullable().optional(),
    testo: z.string().trim().min(1, "Scrivi il commento").max(5000, "Al massimo 5000 caratteri"),
  }),
  esegui: (chi, i) => aggiungiCommento(getDb(), chi, i),
  dopo: aggiorna,
});

export const risolviCommentoAction = azione({
  input: z.object({ sectionId: id, commentId: id, risolto: z.boolean() }),
  esegui: (chi, i) => risolviCommento(getDb(), chi, i),
  dopo: aggiorna,
});
