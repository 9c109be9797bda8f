/**
 * npm run db:restore FILE: puts a backup back in place of the database, only with
 * the server stopped and only after checking the copy (lib/backup/copie.ts). The
 * database it replaces is first copied aside into the backup folder.
 */
import { databasePath } from "../db/open";
import { CopiaNonValida, DatabaseInUso, ripristina } from "../lib/backup/copie";

async function main() {
  const copia = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!copia) {
    console.error("Uso: npm run db:restore FILE   (una copia fatta da npm run db:backup, per esempio data/backup/bilancio-….sqlite)");
    process.exit(2);
  }
  const file = databasePath();
  try {
    const r = await ripristina(copia, { fileDatabase: file });
    console.log(`Ripristinato ${file} dalla copia ${copia}.`);
    console.log(`Pubblicazioni verificate nella copia: ${r.pubblicazioniVerificate} (catena integra).`);
    if (r.copiaDiSicurezza) console.log(`Il database sostituito è salvato in ${r.copiaDiSicurezza}.`);
    console.log("Avvia il server (npm start): applica le migrazioni e svuota la cache delle pagine pubbliche.");
  } catch (e) {
    if (e instanceof DatabaseInUso || e instanceof CopiaNonValida) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

main();
