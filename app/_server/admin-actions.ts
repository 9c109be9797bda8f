"use server";

/**
 * The amministratore's actions on people and settori, each through the one
 * action wrapper; lib/admin/* asks the policy and writes with the audit row.
 */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import * as utenti from "@/lib/admin/utenti";
import * as settori from "@/lib/admin/settori";
import { importaUtenti, MAX_BYTE_IMPORT_UTENTI } from "@/lib/admin/import-utenti";
import { z } from "@/lib/zod-it";
import { azione, azioneModulo, campiModulo } from "./azione";

const aggiornaAmministrazione = () => revalidatePath("/amministrazione", "layout");

/* ------------------------------------------------------------------ persone */

export const creaUtenteAction = azioneModulo({
  input: utenti.nuovoUtenteSchema,
  esegui: (chi, i) => utenti.creaUtente(getDb(), chi, i),
  dopo: (_i, esito) => {
    aggiornaAmministrazione();
    redirect(`/amministrazione/utenti/${esito.userId}?invitato=1`);
  },
});

export const modificaUtenteAction = azioneModulo({
  input: utenti.modificaUtenteSchema,
  esegui: (chi, i) => utenti.modificaUtente(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const disattivaUtenteAction = azione({
  input: utenti.utenteIdSchema,
  esegui: (chi, i) => utenti.disattivaUtente(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const riattivaUtenteAction = azione({
  input: utenti.utenteIdSchema,
  esegui: (chi, i) => utenti.riattivaUtente(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const reinviaInvitoAction = azione({
  input: utenti.utenteIdSchema,
  esegui: (chi, i) => utenti.reinviaInvito(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const aggiungiRuoloAction = azioneModulo({
  input: utenti.aggiungiRuoloSchema,
  esegui: (chi, i) => utenti.aggiungiRuolo(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const rimuoviRuoloAction = azione({
  input: utenti.rimuoviRuoloSchema,
  esegui: (chi, i) => utenti.rimuoviRuolo(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const importaUtentiAction = azioneModulo({
  input: z.object({
    modalita: z.enum(["anteprima", "importa"]),
    scarta: z.enum(["si"]).optional(),
    file: z
      .instanceof(File, { message: "Scegli un file." })
      .refine((f) => f.size > 0, "Il file è vuoto.")
      .refine((f) => f.size <= MAX_BYTE_IMPORT_UTENTI, "Il file supera 1 MB: dividerlo in parti più piccole.")
      .refine((f) => f.name.length <= 200, "Il nome del file è troppo lungo."),
  }),
  // The file field is kept even when empty, so that "Scegli un file" is said beside it.
  leggi: (form) => ({ ...campiModulo(form), file: form.get("file") }),
  esegui: (chi, { file, modalita, scarta }) =>
    importaUtenti(getDb(), chi, {
      nomeFile: file.name,
      leggi: async () => new Uint8Array(await file.arrayBuffer()),
      modalita,
      scartaRigheConErrori: scarta === "si",
    }),
  dopo: aggiornaAmministrazione,
});

/* ------------------------------------------------------------------ settori */

export const creaSettoreAction = azioneModulo({
  input: settori.nuovoSettoreSchema,
  esegui: (chi, i) => settori.creaSettore(getDb(), chi, i),
  dopo: (_i, esito) => {
    aggiornaAmministrazione();
    redirect(`/amministrazione/settori/${esito.settoreId}?creato=1`);
  },
});

export const rinominaSettoreAction = azioneModulo({
  input: settori.rinominaSettoreSchema,
  esegui: (chi, i) => settori.rinominaSettore(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const disattivaSettoreAction = azione({
  input: settori.settoreIdSchema,
  esegui: (chi, i) => settori.disattivaSettore(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const riattivaSettoreAction = azione({
  input: settori.settoreIdSchema,
  esegui: (chi, i) => settori.riattivaSettore(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});

export const unisciSettoriAction = azione({
  input: settori.unioneSchema,
  esegui: (chi, i) => settori.unisciSettori(getDb(), chi, i),
  dopo: aggiornaAmministrazione,
});
