"use server";

/**
 * One's own account: accepting an invitation, "Password dimenticata?", the reset
 * link, the change of password and of email. The first three, and confirming a new
 * email, need no session (the token, or nothing at all, is the permission);
 * lib/auth/account.ts and lib/auth/cambio-email.ts decide and write.
 */
import { redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { accettaInvito, cambiaPassword, reimpostaPassword, richiediReimpostazione } from "@/lib/auth/account";
import { confermaCambioEmail, richiediCambioEmail } from "@/lib/auth/cambio-email";
import { conNuovaPassword } from "@/lib/auth/password-policy";
import { LUNGHEZZA_MAX_TOKEN } from "@/lib/auth/tokens";
import { z } from "@/lib/zod-it";
import { azioneModulo, azionePubblicaModulo } from "./azione";
import { indirizzoClient } from "./indirizzo";
import { idSessioneCorrente } from "./session";

const token = z.string().min(1).max(LUNGHEZZA_MAX_TOKEN);

export const accettaInvitoAction = azionePubblicaModulo({
  input: conNuovaPassword({ token }),
  esegui: (_chi, i) => accettaInvito(getDb(), null, i),
  dopo: () => redirect("/login?esito=password-impostata"),
});

export const reimpostaPasswordAction = azionePubblicaModulo({
  input: conNuovaPassword({ token }),
  esegui: (_chi, i) => reimpostaPassword(getDb(), null, i),
  dopo: () => redirect("/login?esito=password-reimpostata"),
});

export const richiediReimpostazioneAction = azionePubblicaModulo({
  input: z.object({ email: z.string({ error: "Inserisci l'email." }).trim().min(1, "Inserisci l'email.").max(320).email("Email non valida") }),
  esegui: async (_chi, i) => {
    // Only the message travels back: whether a mail left stays on the server.
    const { messaggio } = await richiediReimpostazione(getDb(), null, { email: i.email, ip: await indirizzoClient() });
    return { ok: true as const, messaggio };
  },
});

export const cambiaPasswordAction = azioneModulo({
  input: conNuovaPassword({ attuale: z.string({ error: "Inserisci la password attuale." }).min(1, "Inserisci la password attuale.").max(500) }),
  esegui: async (chi, i) =>
    cambiaPassword(getDb(), chi, { attuale: i.attuale, password: i.password, conferma: i.conferma, sessione: await idSessioneCorrente(), ip: await indirizzoClient() }),
});

/** One's own email, from the profile: needs the current password; nothing changes until the new address confirms. */
export const richiediCambioEmailAction = azioneModulo({
  input: z.object({
    email: z.string({ error: "Scrivi il nuovo indirizzo email." }).max(500),
    password: z.string({ error: "Inserisci la tua password." }).min(1, "Inserisci la tua password.").max(500),
  }),
  esegui: async (chi, i) => richiediCambioEmail(getDb(), chi, { email: i.email, password: i.password, ip: await indirizzoClient() }),
});

/** The link sent to the new address: the token is the permission; afterwards, sign in again with the new address. */
export const confermaCambioEmailAction = azionePubblicaModulo({
  input: z.object({ token }),
  esegui: (_chi, i) => confermaCambioEmail(getDb(), null, i),
  dopo: () => redirect("/login?esito=email-cambiata"),
});
