/**
 * Before the server starts: migrations applied (after a backup when there are new ones and
 * the database holds data; all or none, lib/backup/aggiornamento.ts), the auth secret in
 * place, no public pages cached from another database. A failing migration stops here,
 * with the reason on stderr and exit code 1: the server (server.ts) does not start.
 */
import { rmSync } from "node:fs";
import { databasePath } from "../db/open";
import { aggiornaDatabase } from "../lib/backup/aggiornamento";
import { authSecret } from "../lib/auth/secret";

async function main() {
  const file = databasePath();
  const esito = await aggiornaDatabase(file);
  if (esito.copia) console.log(`Copia di sicurezza prima dell'aggiornamento: ${esito.copia}`);
  if (esito.applicate.length) console.log(`Migrazioni applicate: ${esito.applicate.join(", ")}`);
  authSecret();
  // Published pages are cached on first request (they never change), but the
  // cache is Next's, not the database's: after a db:reset or with another
  // DATABASE_PATH it would serve pages of editions that are not there. It is
  // rebuilt on demand, so starting empty costs one render per page.
  rmSync(".next/server/route-cache", { recursive: true, force: true });
  console.log(`Database pronto: ${file}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
