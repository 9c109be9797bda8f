import { describe, expect, it } from "vitest";
import { destinazioneSicura } from "./destinazione";

describe("destinazione dopo l'accesso", () => {
  it("accetta i percorsi di questo sito, con query e ancora", () => {
    expect(destinazioneSicura("/sezioni/12/modifica")).toBe("/sezioni/12/modifica");
    expect(destinazioneSicura("/registro?azione=accesso#fine")).toBe("/registro?azione=accesso#fine");
    expect(destinazioneSicura(undefined)).toBe("/");
    expect(destinazioneSicura("")).toBe("/");
  });

  it("rifiuta ogni modo di uscire dal sito, anche quelli che un controllo sul prefisso lascerebbe passare", () => {
    for (const cattiva of [
      "https://evil.example/x",
      "//evil.example/x",
      "/\\evil.example/x",
      "\\/evil.example/x",
      "/\t/evil.example/x",
      "/\n/evil.example/x",
      " //evil.example",
      "javascript:alert(1)",
      "/%2F/evil.example",
      "http:/evil.example",
    ]) {
      const d = destinazioneSicura(cattiva);
      expect(new URL(d, "https://comune.example").host, JSON.stringify(cattiva)).toBe("comune.example");
    }
    expect(destinazioneSicura("/\\evil.example/x")).toBe("/");
    expect(destinazioneSicura("x".repeat(3000))).toBe("/");
  });
});
