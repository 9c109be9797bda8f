"use server";

/** The structure editor's actions, each through the one action wrapper; lib/editions/struttura decides and writes. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import {
  aggiungiSchema,
  aggiungiStruttura,
  modificaSchema,
  modificaStruttura,
  rimuoviSchema,
  rimuoviStruttura,
  spostaSchema,
  spostaStruttura,
} from "@/lib/editions/struttura";
import { azione, azioneModulo } from "./azione";

// The editor, the edition page, the assignments page, the settori's homes and the dashboard all show the structure.
const aggiorna = () => revalidatePath("/", "layout");

export const aggiungiStrutturaAction = azioneModulo({
  input: aggiungiSchema,
  esegui: (chi, i) => aggiungiStruttura(getDb(), chi, i),
  dopo: aggiorna,
});

export const modificaStrutturaAction = azioneModulo({
  input: modificaSchema,
  esegui: (chi, i) => modificaStruttura(getDb(), chi, i),
  dopo: aggiorna,
});

export const spostaStrutturaAction = azione({
  input: spostaSchema,
  esegui: (chi, i) => spostaStruttura(getDb(), chi, i),
  dopo: aggiorna,
});

export const rimuoviStrutturaAction = azione({
  input: rimuoviSchema,
  esegui: (chi, i) => rimuoviStruttura(getDb(), chi, i),
  dopo: aggiorna,
});
