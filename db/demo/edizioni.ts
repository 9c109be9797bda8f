/** The demo's editions and the sections its life moves along: plain data, read by the seed and by the e2e tests. */
export const EDIZIONE_PUBBLICATA = "2014-2016";
export const PROSSIMA_EDIZIONE = { slug: "2017-2019", titolo: "Bilancio Sociale 2017–2019", annoInizio: 2017, annoFine: 2019 };

/** Sections of the next edition moved along by the demo; the e2e tests keep away from these states' assumptions. */
export const SEZIONI_DEMO = {
  inviata: "scuola-come-luogo-di-coesione-sociale",
  daRivedere: "offerta-culturale-turistica",
  approvata: "conosci-istruzione",
} as const;
