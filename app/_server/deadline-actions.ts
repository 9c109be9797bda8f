"use server";

/**
 * The coordinator sets or clears a section's deadline. The input is checked with zod,
 * the user is read from the database, and lib/review/deadlines decides and writes.
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { giornoReale } from "@/lib/numbers/calendario";
import { impostaScadenza, type EsitoScadenza } from "@/lib/review/deadlines";
import { z } from "@/lib/zod-it";
import { chiCorrente } from "./session";

export type RispostaScadenza =
  | EsitoScadenza
  | { ok: false; tipo: "sessione_scaduta"; messaggio: string }
  | { ok: false; tipo: "richiesta_non_valida"; messaggio: string };

const schema = z.object({
  sectionId: z.number().int().positive(),
  version: z.number().int().positive(),
  scadenza: z
    .string()
    .refine(giornoReale, "Inserisci una data valida.")
    .refine((d) => d >= "2000-01-01", "La scadenza non può essere precedente al 2000.")
    .refine((d) => d <= "2100-12-31", "La scadenza è troppo lontana nel tempo.")
    .nullable(),
});

export async function impostaScadenzaAction(input: { sectionId: number; scadenza: string | null; version: number }): Promise<RispostaScadenza> {
  const u = await chiCorrente();
  if (!u) return { ok: false, tipo: "sessione_scaduta", messaggio: "La sessione è scaduta: accedi di nuovo." };
  const r = schema.safeParse(input);
  if (!r.success) return { ok: false, tipo: "richiesta_non_valida", messaggio: r.error.issues[0]?.message ?? "Richiesta non valida." };
  const esito = impostaScadenza(getDb(), u, r.data);
  if (esito.ok) revalidatePath("/coordinamento");
  return esito;
}
