import { applyMigrations, databasePath, openDatabase } from "../db/open";

const db = openDatabase();
applyMigrations(db);
db.$client.close();
console.log(`Migrazioni applicate a ${databasePath()}`);
