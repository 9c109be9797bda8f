"use server";

/** The edition's lifecycle steps, through the one action wrapper; lib/editions/lifecycle checks policy, state and version. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import type { Chi } from "@/lib/servizio";
import { avviaNuovaEdizione } from "@/lib/editions/carry-forward";
import { avviaSiti } from "@/lib/sito/coda";
import { avviaErrata, firma, inviaAllaFirma, pubblica, rimandaAlCoordinamento, ritiraDallaFirma } from "@/lib/editions/lifecycle";
import { z } from "@/lib/zod-it";
import { azione } from "./azione";

const id = z.number().int().positive();
const version = z.number().int().positive();
const motivo = z.string().trim().min(1, "Scrivi il motivo").max(5000, "Al massimo 5000 caratteri");

const passoSchema = z.discriminatedUnion("passo", [
  z.object({ passo: z.literal("invia_firma"), editionId: id, version }),
  z.object({ passo: z.literal("ritira"), editionId: id, version, motivo }),
  z.object({ passo: z.literal("rimanda"), editionId: id, version, motivo }),
  z.object({ passo: z.literal("firma"), editionId: id, sha256: z.string().regex(/^[0-9a-f]{64}$/, "Impronta non valida"), password: z.string().min(1, "Inserisci la tua password").max(200) }),
  z.object({ passo: z.literal("pubblica"), editionId: id, version }),
  z.object({ passo: z.literal("errata"), slug: z.string().min(1).max(100), motivo }),
]);

export type PassoInput = z.input<typeof passoSchema>;

function aggiorna() {
  revalidatePath("/edizione", "layout");
  revalidatePath("/coordinamento");
}

type EsitoPasso = { ok: true; vai?: string } | { ok: false; tipo: string; messaggio: string; campi?: Record<string, string> };

/** Runs one step; a refusal that concerns a field (the password, the reason) names it in `campi`. */
async function eseguiPasso(chi: Chi, p: z.output<typeof passoSchema>): Promise<EsitoPasso> {
  const db = getDb();
  switch (p.passo) {
    case "invia_firma":
      return inviaAllaFirma(db, chi, p);
    case "ritira":
      return ritiraDallaFirma(db, chi, p);
    case "rimanda":
      return rimandaAlCoordinamento(db, chi, p);
    case "firma": {
      const e = await firma(db, chi, { editionId: p.editionId, sha256Mostrato: p.sha256, password: p.password });
      return e.ok || e.tipo !== "password_errata" ? e : { ...e, campi: { password: e.messaggio } };
    }
    case "pubblica": {
      const e = pubblica(db, chi, p);
      if (!e.ok) return e;
      // The public pages of this edition are cached: the new revision replaces them, and its files are made.
      revalidatePath("/edizioni", "layout");
      avviaSiti(db);
      return { ok: true, vai: `/edizioni/${e.slug}` };
    }
    case "errata": {
      const e = avviaErrata(db, chi, p);
      return e.ok ? { ok: true, vai: `/edizione/${e.slug}` } : { ...e, campi: { motivo: e.messaggio } };
    }
  }
}

export const passoEdizioneAction = azione({ input: passoSchema, esegui: eseguiPasso, dopo: aggiorna });

/** The next edition, carried forward from a published one; fields are validated by lib/editions/carry-forward. */
export const nuovaEdizioneAction = azione({
  input: z.object({ da: z.string().min(1).max(100), slug: z.string().max(200), titolo: z.string().max(1000), annoInizio: z.string().max(10), annoFine: z.string().max(10) }),
  esegui: (chi, i) => {
    const e = avviaNuovaEdizione(getDb(), chi, i);
    return e.ok ? { ok: true as const, vai: `/edizione/${e.slug}` } : e;
  },
  dopo: aggiorna,
});
