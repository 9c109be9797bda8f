"use server";

/** Server actions of the notifications page: a user only ever touches their own rows. */
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { segnaLette } from "@/lib/notifications-read";
import { z } from "@/lib/zod-it";
import { utenteCorrente } from "./session";

const schema = z.object({ ids: z.array(z.coerce.number().int().positive()).max(500) });

/**
 * "Segna tutte come lette": marks the unread notifications the page showed (their
 * ids travel in the form), so one that arrives meanwhile stays unread.
 */
export async function segnaLetteAction(formData: FormData): Promise<void> {
  const u = await utenteCorrente();
  if (!u) redirect("/login");
  const r = schema.safeParse({ ids: formData.getAll("id") });
  if (!r.success) return;
  segnaLette(getDb(), u.id, r.data.ids);
  // The bell in the header (root layout) shows the count too.
  revalidatePath("/", "layout");
}
