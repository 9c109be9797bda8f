import { describe, expect, it } from "vitest";
import { valutazioni } from "../schema";
import { edizionePubblicata } from "../../lib/publication/prova-pubblicata";
import { voceCittadini } from "../../lib/ascolto/queries";
import { seminaAscoltoDemo } from "../seed";
import { PAGINE_SENZA_VALUTAZIONI_DEMO } from "./ascolto";

describe("le valutazioni della demo", () => {
  it("sono le stesse a ogni reset, lasciano stare le pagine delle prove e arrivano alla prossima edizione", () => {
    const voti = () => {
      const p = edizionePubblicata();
      const r = seminaAscoltoDemo(p.db, "2014-2016", p.coord, new Date("2017-09-01T10:00:00.000Z"));
      return { p, r, righe: p.db.select().from(valutazioni).all() };
    };
    const a = voti();
    const b = voti();
    expect(a.r.valutazioni).toBeGreaterThan(150);
    expect(a.righe.map((x) => [x.percorso, x.voto, x.motivo, x.createdAt])).toEqual(b.righe.map((x) => [x.percorso, x.voto, x.motivo, x.createdAt]));
    expect(a.righe.filter((x) => (PAGINE_SENZA_VALUTAZIONI_DEMO as readonly string[]).includes(x.percorso))).toEqual([]);
    expect(a.righe.filter((x) => x.stato === "spam")).toHaveLength(1);
    expect(a.righe.filter((x) => x.stato === "gestito").every((x) => x.nota && x.email === null)).toBe(true);
    const v = voceCittadini(a.p.db, { basataSuId: a.p.pubblicataId }, "offerta-culturale-turistica")!;
    expect(v.gestiti.map((g) => g.nota)).toEqual(["Chiedere al Settore Cultura se il dato sulla provenienza dei visitatori è disponibile per il 2017."]);
    expect(v.media!).toBeGreaterThan(3.5);
  });
});
