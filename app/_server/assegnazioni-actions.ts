"use server";

/** Owners and deadlines of sections, one at a time or in bulk; lib/editions/assegnazioni decides and writes. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { assegnaSchema, assegnaSezioni } from "@/lib/editions/assegnazioni";
import { azioneModulo } from "./azione";

/** The list of versions the page saw, sent as JSON in a hidden field (bounded). */
function versioniDa(v: FormDataEntryValue | null): unknown {
  if (typeof v !== "string" || v.length > 100_000) return [];
  try {
    return JSON.parse(v);
  } catch {
    return [];
  }
}

const valore = (form: FormData, nome: string): string | undefined => {
  const v = form.get(nome);
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/**
 * Two forms use it. A row ("riga") shows a section's whole state: its settore is
 * sent only when changed, an empty date removes the deadline. The bulk form
 * ("gruppo") changes only what is filled in: an empty settore or date leaves it as
 * it is, and "togli la scadenza" removes the deadlines.
 */
function leggi(form: FormData) {
  const modalita = valore(form, "modalita");
  const tipo = valore(form, "tipo");
  const insieme =
    tipo === "area"
      ? { tipo, areaId: valore(form, "areaId") }
      : tipo === "settore"
        ? { tipo, settoreId: valore(form, "settoreDaId") }
        : tipo === "sezioni"
          ? { tipo, ids: form.getAll("ids").slice(0, 2000) }
          : { tipo };
  const settoreId = valore(form, "settoreId");
  const scadenza = valore(form, "scadenza");
  if (modalita === "riga") {
    return {
      editionId: valore(form, "editionId"),
      insieme,
      versioni: versioniDa(form.get("versioni")),
      settoreId: settoreId !== valore(form, "settoreAttuale") ? settoreId : undefined,
      scadenza: scadenza ?? null,
    };
  }
  return {
    editionId: valore(form, "editionId"),
    insieme,
    versioni: versioniDa(form.get("versioni")),
    settoreId,
    scadenza: form.get("togliScadenza") === "si" ? null : scadenza,
  };
}

export const assegnaSezioniAction = azioneModulo({
  input: assegnaSchema,
  leggi,
  esegui: (chi, i) => assegnaSezioni(getDb(), chi, i),
  dopo: () => revalidatePath("/", "layout"),
});
