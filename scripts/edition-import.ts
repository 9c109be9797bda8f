/** npm run edition:import -- FILE : validates and writes a whole edition, all or nothing. */
import { readFileSync } from "node:fs";
import { getDb } from "../db/client";
import { importaPacchetto } from "../lib/edition-package/import";
import { validaTestoPacchetto } from "../lib/edition-package/validate";
import { plurale } from "../lib/italiano";

const file = process.argv[2];
if (!file) {
  console.error("Uso: npm run edition:import -- FILE.json");
  process.exit(2);
}
const v = validaTestoPacchetto(readFileSync(file, "utf8"));
const esito = v.ok ? importaPacchetto(getDb(), v.pacchetto, { userId: null, attore: "edition:import" }) : v;
if (!esito.ok) {
  console.error(`Pacchetto rifiutato, database invariato. ${plurale(esito.errori.length, "errore", "errori")}:`);
  for (const e of esito.errori) console.error(`  ${e.percorso}: ${e.messaggio}`);
  process.exit(1);
}
console.log(`Edizione importata: ${plurale(esito.sezioni, "sezione", "sezioni")}, ${plurale(esito.blocchi, "blocco", "blocchi")}.`);
