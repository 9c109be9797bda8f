/** Before the server starts: migrations applied, the auth secret in place, no public pages cached from another database. */
import { rmSync } from "node:fs";
import { applyMigrations, databasePath, openDatabase } from "../db/open";
import { authSecret } from "../lib/auth/secret";

const db = openDatabase();
applyMigrations(db);
db.$client.close();
authSecret();
// Published pages are cached on first request (they never change), but the
// cache is Next's, not the database's: after a db:reset or with another
// DATABASE_PATH it would serve pages of editions that are not there. It is
// rebuilt on demand, so starting empty costs one render per page.
rmSync(".next/server/route-cache", { recursive: true, force: true });
console.log(`Database pronto: ${databasePath()}`);
