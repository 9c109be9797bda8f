/**
 * The password policy, in one place for every form that sets a password
 * (invitation, reset, change):
 *
 * - at least 12 characters (a phrase of a few words is the easiest way there), at most 200;
 * - it does not contain the account's email, nor the part before the "@" (nor, for
 *   "mario.rossi@…", "mario" or "rossi"), whatever the capital letters;
 * - it is not one of the commonest passwords (lib/auth/password-comuni.txt), even
 *   with other capitals or with digits or symbols added at the end ("Juventus1897!"),
 *   and it is not made of fewer than four different characters.
 */
import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "../zod-it";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** The help text shown under every new-password field. */
export const SPIEGAZIONE_PASSWORD =
  "Almeno 12 caratteri: una frase di tre o quattro parole va benissimo ed è facile da ricordare. " +
  "Non deve contenere il tuo indirizzo email né essere una delle password più comuni (anche con numeri o simboli aggiunti in fondo).";

export const MESSAGGI_PASSWORD = {
  corta: `La password deve avere almeno ${PASSWORD_MIN} caratteri.`,
  lunga: `La password può avere al massimo ${PASSWORD_MAX} caratteri.`,
  email: "La password non deve contenere il tuo indirizzo email o il tuo nome utente.",
  comune: "Questa password è tra le più comuni o troppo semplice: scegline una meno prevedibile, per esempio una frase di qualche parola.",
  diverse: "Le due password non coincidono.",
  vuota: "Inserisci la password.",
  ripeti: "Ripeti la nuova password.",
} as const;

let comuni: Set<string> | undefined;

/** The list of common passwords, read once from the data file next to this module. */
export function passwordComuni(): Set<string> {
  comuni ??= new Set(
    readFileSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "lib/auth/password-comuni.txt"), "utf8")
      .split(/\r?\n/)
      .map((r) => r.trim().toLowerCase())
      .filter((r) => r !== "" && !r.startsWith("#")),
  );
  return comuni;
}

/** Lowercase, with trailing digits and symbols removed: "Juventus1897!" → "juventus". */
function radice(p: string): string {
  return p.toLowerCase().replace(/[\d\s\p{P}\p{S}]+$/u, "");
}

function pezziEmail(email: string): string[] {
  const e = email.trim().toLowerCase();
  if (!e) return [];
  const locale = e.split("@")[0] ?? "";
  const pezzi = [e];
  if (locale.length >= 3) pezzi.push(locale);
  for (const p of locale.split(/[._+-]+/)) if (p.length >= 4) pezzi.push(p);
  return pezzi;
}

/** What is wrong with this password for this account, in Italian, or null if it is acceptable. */
export function problemaPassword(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN) return MESSAGGI_PASSWORD.corta;
  if (password.length > PASSWORD_MAX) return MESSAGGI_PASSWORD.lunga;
  const minuscola = password.toLowerCase();
  if (email && pezziEmail(email).some((p) => minuscola.includes(p))) return MESSAGGI_PASSWORD.email;
  const lista = passwordComuni();
  const compatta = minuscola.replace(/\s+/g, "");
  if (lista.has(minuscola) || lista.has(compatta) || lista.has(radice(password)) || lista.has(radice(compatta))) return MESSAGGI_PASSWORD.comune;
  if (new Set(minuscola).size < 4) return MESSAGGI_PASSWORD.comune;
  return null;
}

/**
 * A new password typed twice, for the forms: `password` and `conferma`, checked
 * against the policy (for this account's email when known: services check again
 * with the email they read from the database). Errors land on the field they concern.
 */
export function nuovaPasswordSchema(email?: string | null) {
  return conNuovaPassword({}, email);
}

/** As `nuovaPasswordSchema`, with the form's other fields (a token, the current password…). */
export function conNuovaPassword<S extends z.ZodRawShape>(altri: S, email?: string | null) {
  return z
    .object({
      ...altri,
      // Missing (an empty form field) is "": the checks below then say what to type, on each field at once.
      password: z.string().max(PASSWORD_MAX, MESSAGGI_PASSWORD.lunga).default(""),
      conferma: z.string().max(PASSWORD_MAX, MESSAGGI_PASSWORD.lunga).default(""),
    })
    .superRefine((valori, ctx) => {
      const v = valori as { password: string; conferma: string };
      const problema = v.password === "" ? MESSAGGI_PASSWORD.vuota : problemaPassword(v.password, email);
      if (problema) ctx.addIssue({ code: "custom", path: ["password"], message: problema });
      if (v.conferma === "") ctx.addIssue({ code: "custom", path: ["conferma"], message: MESSAGGI_PASSWORD.ripeti });
      else if (!problema && v.password !== v.conferma) ctx.addIssue({ code: "custom", path: ["conferma"], message: MESSAGGI_PASSWORD.diverse });
    });
}
