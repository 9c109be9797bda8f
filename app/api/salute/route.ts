/**
 * GET /api/salute: the server's health for monitoring (lib/salute.ts), as JSON. 200 when
 * every check is ok, 503 otherwise; never cached, no login, no rate limit (it is cheap:
 * a few small queries, a statfs and a folder listing). It says counts and ages only.
 */
import { getDb } from "@/db/client";
import { databasePath } from "@/db/open";
import { cartellaMigrazioniPredefinita } from "@/db/migrazioni";
import { cartellaBackup } from "@/lib/backup/copie";
import { statoSalute } from "@/lib/salute";

export const dynamic = "force-dynamic";

export function GET(): Response {
  const fileDatabase = databasePath();
  const salute = statoSalute(getDb, { fileDatabase, cartellaBackup: cartellaBackup(fileDatabase), cartellaMigrazioni: cartellaMigrazioniPredefinita() });
  return Response.json(salute, {
    status: salute.pronto ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
