"use server";

/** Spreadsheet import: the same action previews (writes nothing) and imports (all or nothing); lib/blocks/import-sheet decides. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { importaFoglio } from "@/lib/blocks/import-sheet";
import { graficoSchema } from "@/lib/content/blocks";
import { MAX_BYTE_FOGLIO } from "@/lib/spreadsheet/limiti";
import { z } from "@/lib/zod-it";
import { azioneModulo, campiModulo } from "./azione";

export const importaFoglioAction = azioneModulo({
  input: z.object({
    sectionId: z.coerce.number().int().positive(),
    tipo: z.enum(["indicatori", "serie"]),
    titolo: z.string().trim().max(300).optional(),
    grafico: graficoSchema.optional(),
    unita: z.string().trim().max(60).optional(),
    modalita: z.enum(["anteprima", "importa"]),
    scarta: z.enum(["si"]).optional(),
    file: z.instanceof(File, { message: "Scegli un file" }).refine((f) => f.size > 0, "Il file è vuoto").refine((f) => f.size <= MAX_BYTE_FOGLIO, "Il file supera 5 MB"),
  }),
  // The file field is kept even when empty, so that "Scegli un file" is said beside it.
  leggi: (form) => ({ ...campiModulo(form), file: form.get("file") }),
  esegui: (chi, { file, sectionId, modalita, scarta, ...opzioni }) =>
    importaFoglio(getDb(), chi, {
      sectionId,
      nomeFile: file.name,
      leggi: async () => new Uint8Array(await file.arrayBuffer()),
      opzioni,
      modalita,
      scartaRigheConErrori: scarta === "si",
    }),
  dopo: ({ sectionId }) => revalidatePath(`/sezioni/${sectionId}`),
});
