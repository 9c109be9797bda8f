/** npm run edition:export -- SLUG FILE : writes the edition in the package format. */
import { writeFileSync } from "node:fs";
import { getDb } from "../db/client";
import { esportaPacchetto, serializzaPacchetto } from "../lib/edition-package/export";

const [slug, file] = process.argv.slice(2);
if (!slug || !file) {
  console.error("Uso: npm run edition:export -- SLUG FILE.json");
  process.exit(2);
}
const p = esportaPacchetto(getDb(), slug);
if (!p) {
  console.error(`Nessuna edizione con slug "${slug}".`);
  process.exit(1);
}
writeFileSync(file, serializzaPacchetto(p));
console.log(`Edizione "${slug}" esportata in ${file}.`);
