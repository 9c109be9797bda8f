/**
 * Recreates the database from nothing: migrations, the Cremona demo package,
 * and the demo accounts (password DEMO_PASSWORD, or generated and printed once).
 */
import { randomBytes } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { applyMigrations, databasePath, openDatabase } from "../db/open";
import { seminaDemo } from "../db/seed";
import { EDIZIONE_PUBBLICATA, PROSSIMA_EDIZIONE } from "../db/demo/edizioni";
import { siPuoRicreare } from "../lib/backup/solo-demo";
import { testoAccount } from "./account-demo";

async function main() {
  const file = databasePath();
  // Never deletes more than the demo, unless told --force (lib/backup/solo-demo.ts).
  if (!(await siPuoRicreare(file, process.argv.includes("--force")))) process.exit(1);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
  const db = openDatabase(file);
  applyMigrations(db);
  const password = process.env.DEMO_PASSWORD || randomBytes(9).toString("base64url");
  const esito = await seminaDemo(db, password);
  const account = esito.account;
  db.$client.close();

  console.log(`Database ricreato: ${file}`);
  console.log(`Edizione demo caricata: ${esito.sezioni} sezioni, ${esito.blocchi} blocchi.`);
  console.log(`  ${EDIZIONE_PUBBLICATA}: firmata e pubblicata (pagina pubblica /edizioni/${EDIZIONE_PUBBLICATA})`);
  console.log(`  ${PROSSIMA_EDIZIONE.slug}: in preparazione, riportata dalla precedente`);
  console.log(`\n${testoAccount(account, process.env.DEMO_PASSWORD ? null : password)}`);
}

main();
