"use server";

/** Server actions of the section editor, each through the one action wrapper; lib/blocks/service decides and writes. */
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import * as servizio from "@/lib/blocks/service";
import { TIPI_BLOCCO } from "@/db/schema";
import { z } from "@/lib/zod-it";
import { azione } from "./azione";

const id = z.number().int().positive();
const version = z.number().int().positive();
const aggiornaSezione = (i: { sectionId: number }) => revalidatePath(`/sezioni/${i.sectionId}`);

export const salvaBloccoAction = azione({
  input: z.object({ blockId: id, version, dati: z.unknown() }),
  esegui: (chi, i) => servizio.salvaBlocco(getDb(), chi, i),
});

export const aggiungiBloccoAction = azione({
  input: z.object({ sectionId: id, tipo: z.enum(TIPI_BLOCCO), posizione: z.number().int().min(0).optional(), dati: z.unknown().optional() }),
  esegui: (chi, i) => servizio.aggiungiBlocco(getDb(), chi, i),
  dopo: aggiornaSezione,
});

export const eliminaBloccoAction = azione({
  input: z.object({ blockId: id, version }),
  esegui: (chi, i) => servizio.eliminaBlocco(getDb(), chi, i),
});

export const spostaBloccoAction = azione({
  input: z.object({ blockId: id, direzione: z.enum(["su", "giu"]), posizione: z.number().int().min(0), vicinoId: id }),
  esegui: (chi, i) => servizio.spostaBlocco(getDb(), chi, i),
});

export const duplicaBloccoAction = azione({
  input: z.object({ blockId: id, version }),
  esegui: (chi, i) => servizio.duplicaBlocco(getDb(), chi, i),
});

export const ripristinaRevisioneAction = azione({
  input: z.object({ sectionId: id, numero: z.number().int().positive(), ultima: z.number().int().positive() }),
  esegui: (chi, i) => servizio.ripristinaRevisione(getDb(), chi, i),
  dopo: aggiornaSezione,
});

export const annullaEliminazioneAction = azione({
  input: z.object({ sectionId: id, eliminazioneId: id }),
  esegui: (chi, i) => servizio.annullaEliminazione(getDb(), chi, i),
  dopo: aggiornaSezione,
});
