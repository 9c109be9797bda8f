/**
 * The session-signing secret: NEXTAUTH_SECRET if set, otherwise generated on
 * first start and kept next to the database (outside git), so nothing needs configuring.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databasePath } from "../../db/open";
import { cartellaPrivata, MODO_FILE, rendiPrivato } from "../file-privati";

export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(path.dirname(databasePath()), ".auth-secret");
  try {
    const segreto = readFileSync(file, "utf8").trim();
    // A secret written by an older version may be readable by others: 0600 from now on.
    rendiPrivato(file);
    return segreto;
  } catch {
    cartellaPrivata(path.dirname(file));
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: MODO_FILE });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    return readFileSync(file, "utf8").trim();
  }
}
