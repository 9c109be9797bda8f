/** The published files' settings for this server: where they live, where the server answers, its public address. */
import { databasePath } from "../../db/open";
import { indirizzoPubblico } from "../mail/link";
import { origineServer } from "../publication/pdf";
import type { OpzioniSito } from "./genera";
import { cartellaSiti } from "./percorsi";

export function opzioniSiti(): Omit<OpzioniSito, "progresso" | "ancoraUltima"> {
  return { radice: cartellaSiti(databasePath()), origine: origineServer(), indirizzoApp: indirizzoPubblico() };
}

/** Over https when the app's public address says so: then the files carry HSTS too. */
export const suHttps = (): boolean => (process.env.NEXTAUTH_URL ?? "").startsWith("https:");
