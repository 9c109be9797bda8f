import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { mailOutbox, users } from "../../db/schema";
import { notifica } from "../notifications/avvisi";
import { indirizzoPubblico, linkAssoluto, normalizzaIndirizzo, salvaIndirizzoPubblico } from "./link";

let cartella: string | null = null;
afterEach(() => {
  if (cartella) rmSync(cartella, { recursive: true, force: true });
  cartella = null;
});

describe("indirizzo pubblico e link assoluti", () => {
  it("usa NEXTAUTH_URL, senza la barra finale", () => {
    expect(indirizzoPubblico({ NEXTAUTH_URL: "https://bilancio.comune.example/" }, null)).toBe("https://bilancio.comune.example");
    expect(indirizzoPubblico({ NEXTAUTH_URL: "https://comune.example/bilancio/", PORT: "8080" }, null)).toBe("https://comune.example/bilancio");
  });

  it("senza impostazioni: http://localhost e la porta (3000 se PORT non c'è)", () => {
    expect(indirizzoPubblico({}, null)).toBe("http://localhost:3000");
    expect(indirizzoPubblico({ PORT: "3210" }, null)).toBe("http://localhost:3210");
    expect(indirizzoPubblico({ NEXTAUTH_URL: "non un indirizzo", PORT: "4000" }, null)).toBe("http://localhost:4000");
    expect(indirizzoPubblico({ NEXTAUTH_URL: "javascript:alert(1)" }, null)).toBe("http://localhost:3000");
  });

  it("l'indirizzo salvato da npm run setup vale quando NEXTAUTH_URL non c'è", () => {
    cartella = mkdtempSync(path.join(tmpdir(), "bilancio-link-"));
    const file = path.join(cartella, ".indirizzo-pubblico");
    expect(indirizzoPubblico({ PORT: "5000" }, file)).toBe("http://localhost:5000");
    salvaIndirizzoPubblico("https://bilancio.comune.example/", file);
    expect(readFileSync(file, "utf8")).toBe("https://bilancio.comune.example\n");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(indirizzoPubblico({ PORT: "5000" }, file)).toBe("https://bilancio.comune.example");
    expect(indirizzoPubblico({ NEXTAUTH_URL: "https://altro.example" }, file)).toBe("https://altro.example");
    expect(() => salvaIndirizzoPubblico("ftp://x", file)).toThrow();
  });

  it("linkAssoluto compone percorso e indirizzo", () => {
    expect(linkAssoluto("/edizione/2014-2016", "https://b.example")).toBe("https://b.example/edizione/2014-2016");
    expect(linkAssoluto("revisione/12", "https://b.example/")).toBe("https://b.example/revisione/12");
    expect(linkAssoluto("https://altrove.example/x", "https://b.example")).toBe("https://altrove.example/x");
  });

  it("normalizzaIndirizzo rifiuta credenziali, query e protocolli diversi da http(s)", () => {
    expect(normalizzaIndirizzo("https://u:p@b.example")).toBeNull();
    expect(normalizzaIndirizzo("https://b.example/?x=1")).toBeNull();
    expect(normalizzaIndirizzo("file:///etc")).toBeNull();
    expect(normalizzaIndirizzo(" http://127.0.0.1:3000 ")).toBe("http://127.0.0.1:3000");
  });

  it("ogni notifica via mail ha il link assoluto (la campanella resta con il percorso)", () => {
    const db = memoryDb();
    const id = Number(db.insert(users).values({ email: "coord@comune.example", nome: "C", passwordHash: "x" }).run().lastInsertRowid);
    const prima = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://bilancio.comune.example";
    try {
      notifica(db, { userIds: [id], oggetto: "Edizione firmata", testo: "L'Assessore ha firmato.", link: "/edizione/2014-2016" });
    } finally {
      if (prima === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = prima;
    }
    expect(db.select().from(mailOutbox).get()!.corpo).toBe("L'Assessore ha firmato.\n\nApri: https://bilancio.comune.example/edizione/2014-2016");
  });
});
