export { leggiFoglio, incollaTabella, analizzaDelimitato, rilevaSeparatore, decodificaTesto, MAX_RIGHE } from "./read";
export type { Separatore } from "./read";
export { righeIndicatori, letteraColonna } from "./indicators";
export type { ErroreRiga, AnteprimaImport } from "./indicators";
export { righeSerie } from "./series";
export type { OpzioniSerie, RisultatoSerie } from "./series";
