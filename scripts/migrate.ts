/** npm run db:migrate: as npm start does before the server (a backup first when there is something to lose; all migrations or none). */
import { databasePath } from "../db/open";
import { aggiornaDatabase } from "../lib/backup/aggiornamento";

aggiornaDatabase(databasePath())
  .then((esito) => {
    if (esito.copia) console.log(`Copia di sicurezza prima dell'aggiornamento: ${esito.copia}`);
    console.log(esito.applicate.length ? `Migrazioni applicate a ${databasePath()}: ${esito.applicate.join(", ")}` : `Nessuna migrazione da applicare a ${databasePath()}.`);
  })
  .catch((e) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
