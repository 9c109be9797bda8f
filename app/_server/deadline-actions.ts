"use server";

/** The coordinator sets or clears a section's deadline; lib/review/deadlines decides and writes. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { giornoReale } from "@/lib/numbers/calendario";
import { impostaScadenza } from "@/lib/review/deadlines";
import { z } from "@/lib/zod-it";
import { azione } from "./azione";

export const impostaScadenzaAction = azione({
  input: z.object({
    sectionId: z.number().int().positive(),
    version: z.number().int().positive(),
    scadenza: z
      .string()
      .refine(giornoReale, "Inserisci una data valida.")
      .refine((d) => d >= "2000-01-01", "La scadenza non può essere precedente al 2000.")
      .refine((d) => d <= "2100-12-31", "La scadenza è troppo lontana nel tempo.")
      .nullable(),
  }),
  esegui: (chi, i) => impostaScadenza(getDb(), chi, i),
  dopo: () => revalidatePath("/coordinamento"),
});
