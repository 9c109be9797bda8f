/**
 * npm run verify: the whole chain of what is published, frozen → signed → published
 * (lib/publication/verifica.ts). Prints what holds and what broke; exits 1 on any break.
 */
import { databasePath, openDatabase } from "../db/open";
import { descriviVerifica, verificaCatena } from "../lib/publication/verifica";

const file = databasePath();
const db = openDatabase(file);
try {
  db.$client.pragma("query_only = ON");
  const esito = verificaCatena(db);
  console.log(`Verifica di ${file}`);
  for (const riga of descriviVerifica(esito)) (riga.startsWith("✗") || !esito.ok ? console.error : console.log)(riga);
  process.exitCode = esito.ok ? 0 : 1;
} finally {
  db.$client.close();
}
