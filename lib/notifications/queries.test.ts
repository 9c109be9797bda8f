import { describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { notifications } from "../../db/schema";
import { elencoNotifiche, nonLette, segnaLette } from "./queries";

function prepara() {
  const db = memoryDb();
  db.$client.exec("INSERT INTO users (id, email, nome, password_hash) VALUES (1, 'a@x.it', 'A', 'x'), (2, 'b@x.it', 'B', 'x')");
  const aggiungi = (userId: number, testo: string, createdAt: string, letta = false) =>
    Number(db.insert(notifications).values({ userId, testo, link: "/sezioni/1", createdAt, letta }).run().lastInsertRowid);
  const ids = {
    vecchia: aggiungi(1, "Vecchia", "2026-11-01T08:00:00.000Z", true),
    media: aggiungi(1, "Media", "2026-11-02T08:00:00.000Z"),
    nuova: aggiungi(1, "Nuova", "2026-11-03T08:00:00.000Z"),
    altrui: aggiungi(2, "Di B", "2026-11-04T08:00:00.000Z"),
  };
  return { db, ids };
}

describe("notifiche dell'utente", () => {
  it("conta le non lette, solo le proprie", () => {
    const { db } = prepara();
    expect(nonLette(db, 1)).toBe(2);
    expect(nonLette(db, 2)).toBe(1);
    expect(nonLette(db, 99)).toBe(0);
  });

  it("elenca le proprie, le più recenti prima, entro il limite", () => {
    const { db } = prepara();
    expect(elencoNotifiche(db, 1, 10).map((n) => [n.testo, n.letta])).toEqual([
      ["Nuova", false],
      ["Media", false],
      ["Vecchia", true],
    ]);
    expect(elencoNotifiche(db, 1, 1).map((n) => n.testo)).toEqual(["Nuova"]);
    expect(elencoNotifiche(db, 1, 10)[0]).toMatchObject({ link: "/sezioni/1", createdAt: "2026-11-03T08:00:00.000Z" });
  });

  it("segna lette quelle indicate, ignorando gli id di altri utenti", () => {
    const { db, ids } = prepara();
    expect(segnaLette(db, 1, [ids.media, ids.altrui])).toBe(1);
    expect(nonLette(db, 1)).toBe(1);
    expect(nonLette(db, 2)).toBe(1);
    expect(segnaLette(db, 1, [])).toBe(0);
    expect(nonLette(db, 1)).toBe(1);
  });

  it("senza id le segna tutte, solo le proprie", () => {
    const { db } = prepara();
    expect(segnaLette(db, 1)).toBe(2);
    expect(nonLette(db, 1)).toBe(0);
    expect(nonLette(db, 2)).toBe(1);
    expect(segnaLette(db, 1)).toBe(0);
  });
});
