"use server";

/** Server actions of the notifications page: a user only ever touches their own rows. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { segnaLette } from "@/lib/notifications/queries";
import { z } from "@/lib/zod-it";
import { azioneModulo } from "./azione";

/**
 * "Segna tutte come lette": marks the unread notifications the page showed (their
 * ids travel in the form), so one that arrives meanwhile stays unread.
 */
export const segnaLetteAction = azioneModulo({
  input: z.object({ ids: z.array(z.coerce.number().int().positive()).min(1).max(500) }),
  leggi: (form) => ({ ids: form.getAll("id") }),
  esegui: (chi, { ids }) => ({ ok: true as const, segnate: segnaLette(getDb(), chi.userId, ids) }),
  // The bell in the header (root layout) shows the count too.
  dopo: () => revalidatePath("/", "layout"),
});
