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
