import { describe, expect, it } from "vitest";
import { destinazioneSicura, indirizzoAccesso, percorsoDellaRichiesta } from "./destinazione";

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

describe("ritorno dopo l'accesso", () => {
  const url = (u: string) => new URL(u, "http://127.0.0.1:3000");

  it("il percorso di una pagina è quello chiesto dall'utente, senza il parametro interno _rsc", () => {
    expect(percorsoDellaRichiesta(url("/sezioni/12"))).toBe("/sezioni/12");
    expect(percorsoDellaRichiesta(url("/registro?azione=accesso&pagina=2"))).toBe("/registro?azione=accesso&pagina=2");
    expect(percorsoDellaRichiesta(url("/sezioni/12?_rsc=abc12"))).toBe("/sezioni/12");
    expect(percorsoDellaRichiesta(url("/registro?azione=accesso&_rsc=abc12"))).toBe("/registro?azione=accesso");
    // Only ASCII travels in a header.
    expect(percorsoDellaRichiesta(url("/registro?chi=Niccolò"))).toBe("/registro?chi=Niccol%C3%B2");
    expect(percorsoDellaRichiesta(url(`/registro?q=${"x".repeat(2100)}`))).toBeNull();
  });

  it("la pagina di accesso riceve il percorso come callbackUrl", () => {
    expect(indirizzoAccesso("/sezioni/12")).toBe("/login?callbackUrl=%2Fsezioni%2F12");
    expect(indirizzoAccesso("/registro?azione=accesso&pagina=2")).toBe("/login?callbackUrl=%2Fregistro%3Fazione%3Daccesso%26pagina%3D2");
    expect(destinazioneSicura(new URL(indirizzoAccesso("/registro?azione=accesso&pagina=2"), "http://x").searchParams.get("callbackUrl"))).toBe("/registro?azione=accesso&pagina=2");
  });

  it("senza un percorso utile, o con uno di un altro sito, la pagina di accesso e basta", () => {
    for (const p of [null, undefined, "", "/", "/login", "/login?callbackUrl=%2Fsezioni%2F1", "https://evil.example/x", "//evil.example/x", "/\\evil.example"]) {
      expect(indirizzoAccesso(p), JSON.stringify(p)).toBe("/login");
    }
    expect(indirizzoAccesso("/loginx")).toBe("/login?callbackUrl=%2Floginx");
  });
});
