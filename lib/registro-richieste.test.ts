import { describe, expect, it } from "vitest";
import { percorsoDaRegistrare, rigaRichiesta } from "./registro-richieste";

describe("riga di registro di una richiesta", () => {
  it("il percorso perde la query e il token dei link inviati per posta", () => {
    expect(percorsoDaRegistrare("/login?callbackUrl=%2Fsezioni%2F3")).toBe("/login");
    expect(percorsoDaRegistrare("/invito/abcDEF123_-xyz")).toBe("/invito/:token");
    expect(percorsoDaRegistrare("/reimposta/segreto?x=1")).toBe("/reimposta/:token");
    expect(percorsoDaRegistrare("/conferma-email/segreto/altro")).toBe("/conferma-email/:token/altro");
    expect(percorsoDaRegistrare("/sezioni/12")).toBe("/sezioni/12");
    expect(percorsoDaRegistrare(undefined)).toBe("/");
    expect(percorsoDaRegistrare(`/${"a".repeat(1000)}`).length).toBe(300);
  });

  it("porta id, metodo, percorso, stato, durata e utente, e nient'altro della richiesta", () => {
    const riga = rigaRichiesta({ id: "r1", metodo: "POST", url: "/reimposta/segreto?email=a@b.it", stato: 303, ms: 12.345, utente: 7, interrotta: false, daFile: false });
    expect(riga).toEqual({ req: "r1", metodo: "POST", percorso: "/reimposta/:token", stato: 303, ms: 12.3, utente: 7 });
    expect(JSON.stringify(riga)).not.toMatch(/segreto|@/);
    expect(rigaRichiesta({ id: "r2", metodo: "GET", url: "/edizioni/x/revisioni/1/dati.json", stato: 200, ms: 1, utente: undefined, interrotta: true, daFile: true })).toEqual({
      req: "r2",
      metodo: "GET",
      percorso: "/edizioni/x/revisioni/1/dati.json",
      stato: 200,
      ms: 1,
      file: true,
      interrotta: true,
    });
  });
});
