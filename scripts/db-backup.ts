/**
 * npm run db:backup: a consistent copy of the database, also while the server runs
 * (SQLite's online backup API), checked with PRAGMA integrity_check; keeps the last
 * BACKUP_KEEP copies (default 14) in BACKUP_DIR (default: "backup" next to the database).
 * See lib/backup/copie.ts.
 */
import { existsSync } from "node:fs";
import { databasePath, openDatabase } from "../db/open";
import { cartellaBackup, copieDaTenere, eseguiBackup } from "../lib/backup/copie";
import { perNumero } from "../lib/italiano";

async function main() {
  const file = databasePath();
  if (!existsSync(file)) {
    console.error(`Nessun database in ${file}: niente da copiare (DATABASE_PATH?).`);
    process.exit(1);
  }
  const tieni = copieDaTenere();
  const db = openDatabase(file);
  try {
    const r = await eseguiBackup(db.$client, { fileDatabase: file, cartella: cartellaBackup(file), tieni });
    console.log(`Copia del database scritta e controllata: ${r.file} (${(r.byte / 1024 / 1024).toFixed(1)} MB).`);
    if (r.eliminate.length) console.log(`${perNumero(tieni, "Tenuta solo l'ultima copia", `Tenute le ultime ${tieni} copie`)}: ${perNumero(r.eliminate.length, "eliminata 1 più vecchia", `eliminate ${r.eliminate.length} più vecchie`)}.`);
  } finally {
    db.$client.close();
  }
}

main().catch((e) => {
  console.error(`Copia NON riuscita: ${(e as Error).message}`);
  process.exit(1);
});
