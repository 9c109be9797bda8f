"use server";

/**
 * The amministratore's settings of the ente, through the one action wrapper;
 * lib/admin/ente.ts asks the policy and writes the change with its audit row.
 */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { impostaLicenza, licenzaSchema } from "@/lib/admin/ente";
import { azioneModulo } from "./azione";

export const impostaLicenzaAction = azioneModulo({
  input: licenzaSchema,
  esegui: (chi, i) => impostaLicenza(getDb(), chi, i),
  dopo: (_i, esito) => {
    revalidatePath("/amministrazione", "layout");
    // The cover of every edition names the licence beside its files.
    if (esito.cambiata) revalidatePath("/edizioni", "layout");
  },
});
