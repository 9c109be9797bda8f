"use server";

/**
 * The coordination's actions on citizens' ratings (/ascolto), each through the one action
 * wrapper; lib/ascolto/service asks the policy and writes with the audit row.
 * (A citizen's rating itself arrives at app/api/ascolto/route.ts: a plain HTML form.)
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { gestisciCommento, gestisciSchema, nascondiSpam, pubblicaSchema, pubblicaValutazioni, spamSchema } from "@/lib/ascolto/service";
import { azioneModulo } from "./azione";

const aggiornaAscolto = () => revalidatePath("/ascolto");

export const gestisciCommentoAction = azioneModulo({
  input: gestisciSchema,
  esegui: (chi, i) => gestisciCommento(getDb(), chi, i),
  dopo: aggiornaAscolto,
});

export const nascondiSpamAction = azioneModulo({
  input: spamSchema,
  esegui: (chi, i) => nascondiSpam(getDb(), chi, i),
  dopo: aggiornaAscolto,
});

export const pubblicaValutazioniAction = azioneModulo({
  input: pubblicaSchema,
  esegui: (chi, i) => pubblicaValutazioni(getDb(), chi, i),
  dopo: (i) => {
    aggiornaAscolto();
    // The cover lists the file once it exists: its cached page is made again.
    revalidatePath(`/edizioni/${i.slug}`);
  },
});
