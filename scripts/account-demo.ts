/**
 * The demo accounts as db:reset and demo print them: one line per account (email, role,
 * settore) and the password. Shared by scripts/db-reset.ts, which has the accounts it just
 * made, and scripts/demo.ts, which reads them back from the database after the build.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/open";
import { roleMemberships, settori, users } from "../db/schema";

export interface RigaAccount {
  email: string;
  ruolo: string;
  settore?: string | null;
}

/**
 * "Account demo:", the accounts and the password: shown when it was generated here, never
 * when it came from DEMO_PASSWORD (the caller passes null then).
 */
export function testoAccount(account: RigaAccount[], passwordGenerata: string | null): string {
  return [
    "Account demo:",
    ...account.map((u) => `  ${u.email.padEnd(42)} ${u.ruolo}${u.settore ? ` (${u.settore})` : ""}`),
    passwordGenerata ? `  password: ${passwordGenerata}` : "  password: quella in DEMO_PASSWORD",
  ].join("\n");
}

/** The accounts of a demo database, in the order db:reset made them (the six of DESIGN.md first). */
export function accountNelDatabase(db: Db): RigaAccount[] {
  return db
    .select({ email: users.email, ruolo: roleMemberships.ruolo, settore: settori.codice })
    .from(users)
    .innerJoin(roleMemberships, eq(roleMemberships.userId, users.id))
    .leftJoin(settori, eq(settori.id, roleMemberships.settoreId))
    .orderBy(asc(users.id), asc(roleMemberships.id))
    .all();
}
