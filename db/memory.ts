/** A migrated in-memory database for unit tests. */
import { applyMigrations, openDatabase, type Db } from "./open";

export function memoryDb(): Db {
  const db = openDatabase(":memory:");
  applyMigrations(db);
  return db;
}
