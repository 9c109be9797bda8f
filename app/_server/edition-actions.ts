"use server";

/** The edition's lifecycle steps: zod-validated here, then lib/editions/lifecycle checks policy, state and version. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { avviaNuovaEdizione } from "@/lib/editions/carry-forward";
import { avviaErrata, firma, inviaAllaFirma, pubblica, rimandaAlCoordinamento, ritiraDallaFirma } from "@/lib/editions/lifecycle";
import { z } from "@/lib/zod-it";
import { chiCorrente } from "./session";

const SCADUTA = { ok: false as const, tipo: "sessione_scaduta" as const, messaggio: "La sessione è scaduta: accedi di nuovo." };

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

export type EsitoPasso =
  | { ok: true; vai?: string }
  | { ok: false; messaggio: string; /** The form field the message belongs to. */ campo?: "motivo" | "password" };

function aggiorna() {
  revalidatePath("/edizione", "layout");
  revalidatePath("/coordinamento");
}

export async function passoEdizioneAction(input: PassoInput): Promise<EsitoPasso> {
  const chi = await chiCorrente();
  if (!chi) return SCADUTA;
  const r = passoSchema.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const campo = issue?.path[0] === "motivo" || issue?.path[0] === "password" ? issue.path[0] : undefined;
    return { ok: false, messaggio: issue?.message ?? "Richiesta non valida.", campo };
  }
  const db = getDb();
  const p = r.data;
  switch (p.passo) {
    case "invia_firma": {
      const e = inviaAllaFirma(db, chi, p);
      if (!e.ok) return { ok: false, messaggio: e.messaggio };
      break;
    }
    case "ritira":
    case "rimanda": {
      const e = (p.passo === "ritira" ? ritiraDallaFirma : rimandaAlCoordinamento)(db, chi, p);
      if (!e.ok) return { ok: false, messaggio: e.messaggio };
      break;
    }
    case "firma": {
      const e = await firma(db, chi, { editionId: p.editionId, sha256Mostrato: p.sha256, password: p.password });
      if (!e.ok) return { ok: false, messaggio: e.messaggio, campo: e.tipo === "password_errata" ? "password" : undefined };
      break;
    }
    case "pubblica": {
      const e = pubblica(db, chi, p);
      if (!e.ok) return { ok: false, messaggio: e.messaggio };
      // The public pages of this edition are cached: the new revision replaces them.
      revalidatePath("/edizioni", "layout");
      aggiorna();
      return { ok: true, vai: `/edizioni/${e.slug}` };
    }
    case "errata": {
      const e = avviaErrata(db, chi, p);
      if (!e.ok) return { ok: false, messaggio: e.messaggio, campo: "motivo" };
      aggiorna();
      return { ok: true, vai: `/edizione/${e.slug}` };
    }
  }
  aggiorna();
  return { ok: true };
}

export type EsitoNuovaEdizione = { ok: true; vai: string } | { ok: false; messaggio: string; errori: Partial<Record<"slug" | "titolo" | "annoInizio" | "annoFine", string>> };

/** The next edition, carried forward from a published one; fields are validated by lib/editions/carry-forward. */
export async function nuovaEdizioneAction(input: { da: string; slug: string; titolo: string; annoInizio: string; annoFine: string }): Promise<EsitoNuovaEdizione> {
  const chi = await chiCorrente();
  if (!chi) return { ...SCADUTA, errori: {} };
  const r = z.object({ da: z.string().min(1).max(100), slug: z.string().max(200), titolo: z.string().max(1000), annoInizio: z.string().max(10), annoFine: z.string().max(10) }).safeParse(input);
  if (!r.success) return { ok: false, messaggio: "Richiesta non valida.", errori: {} };
  const e = avviaNuovaEdizione(getDb(), chi, r.data);
  if (!e.ok) {
    const errori = e.tipo === "non_valido" ? Object.fromEntries(e.errori.map((x) => [x.campo, x.messaggio])) : {};
    return { ok: false, messaggio: e.messaggio, errori };
  }
  aggiorna();
  return { ok: true, vai: `/edizione/${e.slug}` };
}
