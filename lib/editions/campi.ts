/**
 * The fields that name an edition, as every form that makes one checks them (a new
 * edition, the next edition carried forward): title, public address, reference years.
 * A form sends text: "" is a missing value.
 */
import { z } from "../zod-it";

/** Addresses that are pages of the app itself (/edizione/nuova). */
export const SLUG_RISERVATI = ["nuova"] as const;

export const annoEdizione = (quale: "iniziale" | "finale") =>
  z.preprocess(
    (x) => (typeof x === "string" ? (x.trim() === "" ? undefined : Number(x.trim())) : x),
    z
      .number({ error: `Indica l'anno ${quale}, ad esempio 2020` })
      .int(`L'anno ${quale} deve essere un numero intero, ad esempio 2020`)
      .min(1990, `L'anno ${quale} non può essere prima del 1990`)
      .max(2100, `L'anno ${quale} non può essere dopo il 2100`),
  );

export const slugEdizione = z
  .string({ error: "Indica l'indirizzo dell'edizione" })
  .trim()
  .min(1, "Indica l'indirizzo dell'edizione, ad esempio 2020-2022")
  .max(60, "Al massimo 60 caratteri")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Solo lettere minuscole, cifre e trattini, ad esempio 2020-2022")
  .refine((s) => !(SLUG_RISERVATI as readonly string[]).includes(s), "Questo indirizzo è riservato: scegline un altro");

export const titoloEdizione = z
  .string({ error: "Indica il titolo dell'edizione" })
  .trim()
  .min(1, "Indica il titolo dell'edizione, ad esempio «Bilancio Sociale 2020–2022»")
  .max(300, "Al massimo 300 caratteri");
