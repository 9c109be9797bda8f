"use server";

/** Creating an edition (blank, from a template, from an uploaded package); lib/editions/crea decides and writes. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { creaEdizione, MAX_BYTE_PACCHETTO } from "@/lib/editions/crea";
import { z } from "@/lib/zod-it";
import { azioneModulo, campiModulo } from "./azione";

const testo = (max: number) => z.string().max(max, `Al massimo ${max} caratteri`).optional();

export const creaEdizioneAction = azioneModulo({
  // The shape and the bounds; the service checks the meaning (years, address, package).
  input: z.object({
    origine: z.string().max(20).optional(),
    titolo: testo(300),
    slug: testo(60),
    annoInizio: testo(10),
    annoFine: testo(10),
    modello: testo(100),
    pacchetto: z
      .instanceof(File)
      .refine((f) => f.size <= MAX_BYTE_PACCHETTO, `Il file supera ${MAX_BYTE_PACCHETTO / 1024 / 1024} MB`)
      .optional(),
  }),
  leggi: (form) => {
    const campi = campiModulo(form);
    const file = form.get("pacchetto");
    // An empty file input still sends a nameless, empty File.
    return { ...campi, pacchetto: file instanceof File && (file.size > 0 || file.name !== "") ? file : undefined };
  },
  esegui: async (chi, { pacchetto, ...campi }) =>
    creaEdizione(getDb(), chi, {
      ...campi,
      origine: campi.origine as "vuota",
      pacchetto: pacchetto ? { nome: pacchetto.name || "pacchetto.json", testo: await pacchetto.text() } : undefined,
    }),
  dopo: () => revalidatePath("/", "layout"),
});
