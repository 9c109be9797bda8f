/** Before the server starts: migrations applied and the auth secret in place. */
import { applyMigrations, databasePath, openDatabase } from "../db/client";
import { authSecret } from "../lib/auth/secret";

const db = openDatabase();
applyMigrations(db);
db.$client.close();
authSecret();
console.log(`Database pronto: ${databasePath()}`);
