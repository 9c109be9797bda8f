import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { importaPacchetto } from "../lib/edition-package/import";
import { verifyPassword } from "../lib/auth/password";
import { memoryDb } from "./memory";
import { roleMemberships, sections, settori, users } from "./schema";
import { creaUtentiDemo, UTENTI_DEMO } from "./demo-users";

describe("account demo", () => {
  it("i sei account di sempre, più un referente <codice>@cremona.example per ogni settore che possiede una sezione, con la stessa password", async () => {
    const db = memoryDb();
    importaPacchetto(db, JSON.parse(readFileSync("db/demo/cremona-2014-2016.json", "utf8")), { userId: null, attore: "test" });
    const account = await creaUtentiDemo(db, "password-demo-di-prova");
    expect(account.slice(0, 6)).toEqual(UTENTI_DEMO);
    const proprietari = db.selectDistinct({ codice: settori.codice }).from(sections).innerJoin(settori, eq(settori.id, sections.settoreId)).all().map((s) => s.codice).sort();
    const referenti = db
      .select({ email: users.email, codice: settori.codice })
      .from(roleMemberships)
      .innerJoin(users, eq(users.id, roleMemberships.userId))
      .innerJoin(settori, eq(settori.id, roleMemberships.settoreId))
      .where(eq(roleMemberships.ruolo, "referente"))
      .all();
    expect(referenti.map((r) => r.codice).sort()).toEqual(proprietari);
    for (const r of referenti) if (!["cultura", "istruzione"].includes(r.codice)) expect(r.email).toBe(`${r.codice}@cremona.example`);
    expect(referenti.find((r) => r.codice === "cultura")!.email).toBe("cultura@cremona.example");
    const hash = db.select().from(users).where(eq(users.email, "polizia-locale@cremona.example")).get()!.passwordHash;
    expect(await verifyPassword(hash, "password-demo-di-prova")).toBe(true);
    expect(account).toHaveLength(6 + proprietari.length - 2);
  });
});
