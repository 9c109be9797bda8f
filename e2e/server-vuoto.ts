/**
 * The second e2e server: a database with NO demo, first configured with
 * `npm run setup` as a Comune would, on its own port and in its own folder
 * (database, auth secret, public address and mail folder side by side), so it
 * shares nothing with the demo server on 3210. Used by playwright.config.ts
 * (to start it) and e2e/primo-avvio.spec.ts (to walk it).
 */
import path from "node:path";

export const PORTA_VUOTO = Number(process.env.E2E_PORT_VUOTO ?? 3211);
export const URL_VUOTO = `http://127.0.0.1:${PORTA_VUOTO}`;
/** Thrown away and made again before every run: `npm run setup` refuses a database with users. */
export const CARTELLA_VUOTO = "data/e2e-vuoto";
export const DATABASE_VUOTO = `${CARTELLA_VUOTO}/bilancio.sqlite`;
export const POSTA_VUOTO = path.resolve(`${CARTELLA_VUOTO}/mail`);

/** What `npm run setup` is given: the Ente and the first amministratore. */
export const PRIMO_AVVIO = {
  ente: "Comune di Borgoprova",
  nome: "Anna Amministratrice",
  email: "anna.amministratrice@borgoprova.example",
} as const;
