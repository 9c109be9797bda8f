export { leggiFoglio, rilevaSeparatore, decodificaTesto, MAX_RIGHE } from "./read";
export { incollaTabella, analizzaDelimitato } from "./incolla";
export type { Separatore } from "./read";
export { righeIndicatori, letteraColonna } from "./indicators";
export type { ErroreRiga, AnteprimaImport } from "./indicators";
export { righeSerie } from "./series";
export type { OpzioniSerie, RisultatoSerie } from "./series";
