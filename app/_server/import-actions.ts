"use server";

/** Spreadsheet import: the same action previews (writes nothing) and imports (all or nothing). */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { aggiungiBlocchi } from "@/lib/blocks/service";
import { anteprimaFoglio, bloccoImportabili, type AnteprimaFoglio } from "@/lib/blocks/import-sheet";
import { graficoSchema } from "@/lib/content/blocks";
import { z } from "@/lib/zod-it";
import { chiCorrente } from "./session";

const MAX_BYTE = 5 * 1024 * 1024;

const richiestaSchema = z.object({
  sectionId: z.coerce.number().int().positive(),
  tipo: z.enum(["indicatori", "serie"]),
  titolo: z.string().trim().max(300).optional(),
  grafico: graficoSchema.optional(),
  unita: z.string().trim().max(60).optional(),
  modalita: z.enum(["anteprima", "importa"]),
  scarta: z.enum(["si"]).optional(),
  file: z.instanceof(File, { message: "Scegli un file" }).refine((f) => f.size > 0, "Il file è vuoto").refine((f) => f.size <= MAX_BYTE, "Il file supera 5 MB"),
});

export type EsitoImportFoglio =
  | { stato: "anteprima"; anteprima: AnteprimaFoglio }
  | { stato: "importato"; aggiunti: number }
  | { stato: "errore"; messaggio: string; campi?: Record<string, string>; anteprima?: AnteprimaFoglio };

export async function importaFoglioAction(_prec: EsitoImportFoglio | null, form: FormData): Promise<EsitoImportFoglio> {
  const u = await chiCorrente();
  if (!u) return { stato: "errore", messaggio: "La sessione è scaduta: accedi di nuovo." };
  const r = richiestaSchema.safeParse({
    ...Object.fromEntries([...form.entries()].filter(([, v]) => v !== "")),
    file: form.get("file"),
  });
  if (!r.success) {
    return { stato: "errore", messaggio: "Controlla i campi segnalati.", campi: Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message])) };
  }
  const { file, ...opzioni } = r.data;
  const anteprima = await anteprimaFoglio(file.name, new Uint8Array(await file.arrayBuffer()), opzioni);
  if (opzioni.modalita === "anteprima") return { stato: "anteprima", anteprima };
  const importabili = bloccoImportabili(anteprima, opzioni.scarta === "si");
  if (!importabili.ok) return { stato: "errore", messaggio: importabili.messaggio, anteprima };
  const esito = aggiungiBlocchi(getDb(), u, { sectionId: opzioni.sectionId, blocchi: importabili.blocchi, origine: file.name });
  if (!esito.ok) return { stato: "errore", messaggio: esito.messaggio, anteprima };
  revalidatePath(`/sezioni/${opzioni.sectionId}`);
  return { stato: "importato", aggiunti: esito.aggiunti };
}
