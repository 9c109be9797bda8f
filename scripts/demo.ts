/**
 * npm run demo (after npm ci, before npm start): the demo database, the production build,
 * then the demo accounts and their password printed again, last, so that they are on
 * screen when the server starts and not a hundred lines above, under the build's output.
 *
 * The password is DEMO_PASSWORD if set; otherwise it is generated here, once, and given to
 * `npm run db:reset` through the environment (never written to a file). The database is
 * the one at DATABASE_PATH, as for db:reset and npm start.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { databasePath, openDatabase } from "../db/open";
import { accountNelDatabase, testoAccount } from "./account-demo";

function esegui(script: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync("npm", ["run", script], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const propria = process.env.DEMO_PASSWORD;
const password = propria || randomBytes(9).toString("base64url");

if (!propria) console.log("La password degli account demo è generata ora: è stampata alla fine, dopo la build, con gli account.");
esegui("db:reset", { ...process.env, DEMO_PASSWORD: password });
esegui("build");

const db = openDatabase(databasePath());
const account = accountNelDatabase(db);
db.$client.close();
const porta = process.env.PORT || "3000";
console.log(`\n${testoAccount(account, propria ? null : password)}`);
console.log(`\nIl server parte ora su http://localhost:${porta} (PORT sceglie la porta). L'edizione pubblicata è leggibile da tutti su http://localhost:${porta}/edizioni.\n`);
