/** The roles a person can hold, defined once: the schema, the policy and the screens read them here. */
export const RUOLI = ["amministratore", "coordinatore", "referente", "assessore", "lettore"] as const;
export type Ruolo = (typeof RUOLI)[number];

export const ETICHETTE_RUOLO: Record<Ruolo, string> = {
  amministratore: "Amministratore",
  coordinatore: "Coordinatore",
  referente: "Referente di settore",
  assessore: "Assessore",
  lettore: "Lettore",
};

/** Only a referente's membership names a settore (the database checks it too). */
export const ruoloConSettore = (r: Ruolo): boolean => r === "referente";
/** The roles held for the whole Comune, not for one settore. */
export type RuoloGenerale = Exclude<Ruolo, "referente">;

/**
 * Separation of duties: the Assessore signs what the others prepare, so one person
 * never holds the Assessore role together with one that prepares or manages
 * (the database refuses it too, drizzle/0010).
 */
export const RUOLI_INCOMPATIBILI: Record<Ruolo, readonly Ruolo[]> = {
  assessore: ["amministratore", "coordinatore"],
  amministratore: ["assessore"],
  coordinatore: ["assessore"],
  referente: [],
  lettore: [],
};

/** The role already held that `nuovo` cannot join, if any. */
export function ruoloIncompatibile(gia: readonly Ruolo[], nuovo: Ruolo): Ruolo | null {
  return gia.find((r) => RUOLI_INCOMPATIBILI[nuovo].includes(r)) ?? null;
}

/** Why `nuovo` cannot join `esistente`, said at the role field. */
export function messaggioIncompatibile(nuovo: Ruolo, esistente: Ruolo): string {
  return `Il ruolo «${ETICHETTE_RUOLO[nuovo]}» non si può unire a «${ETICHETTE_RUOLO[esistente]}», che la persona ha già: l'Assessore firma ciò che amministratori e coordinamento preparano, quindi non può avere anche quei ruoli.`;
}

/** Granting or taking away these roles is told to every other amministratore and to the person concerned. */
export const RUOLI_SORVEGLIATI: readonly Ruolo[] = ["assessore", "coordinatore", "amministratore"];
