import { describe, expect, it } from "vitest";
import { MESSAGGI_PASSWORD, nuovaPasswordSchema, passwordComuni, problemaPassword } from "./password-policy";

describe("politica delle password", () => {
  it("accetta una frase di qualche parola", () => {
    expect(problemaPassword("cavallo batteria graffetta", "mario.rossi@comune.example")).toBeNull();
    expect(problemaPassword("Torrazzo-e-violini-1998", "anna@comune.example")).toBeNull();
  });

  it("almeno 12 caratteri, al massimo 200", () => {
    expect(problemaPassword("Corta-11car")).toBe(MESSAGGI_PASSWORD.corta);
    expect(problemaPassword("Lunga-12-car")).toBeNull();
    expect(problemaPassword("una frase lunga ".repeat(12) + "ok")).toBeNull();
    expect(problemaPassword("ab".repeat(100) + "c")).toBe(MESSAGGI_PASSWORD.lunga);
  });

  it("non deve contenere l'email né la sua parte locale, qualunque siano le maiuscole", () => {
    const email = "mario.rossi@comune.example";
    expect(problemaPassword("xx-Mario.Rossi@Comune.Example", email)).toBe(MESSAGGI_PASSWORD.email);
    expect(problemaPassword("il mio MARIO.ROSSI segreto", email)).toBe(MESSAGGI_PASSWORD.email);
    expect(problemaPassword("sono rossi di cremona", email)).toBe(MESSAGGI_PASSWORD.email);
    expect(problemaPassword("ciclamini nel vaso blu", email)).toBeNull();
    // A very short local part is not a word to look for.
    expect(problemaPassword("alberi di cremona 2026", "al@comune.example")).toBeNull();
  });

  it("rifiuta le password più comuni, anche con maiuscole o cifre e simboli in coda", () => {
    expect(passwordComuni().size).toBeGreaterThan(300);
    for (const p of ["password1234", "Password1234", "PASSWORD1234!", "Juventus1897!", "qwertyuiop12", "123456789012", "forzainter2024", "Benvenuto2026", "BilancioSociale1"]) {
      expect(problemaPassword(p), p).toBe(MESSAGGI_PASSWORD.comune);
    }
    expect(problemaPassword("aaaaaaaaaaaaaaaa")).toBe(MESSAGGI_PASSWORD.comune);
    expect(problemaPassword("abababababab")).toBe(MESSAGGI_PASSWORD.comune);
  });

  it("lo schema dei moduli mette ogni errore sul suo campo", () => {
    const s = nuovaPasswordSchema("anna@comune.example");
    expect(s.safeParse({ password: "cavallo batteria graffetta", conferma: "cavallo batteria graffetta" }).success).toBe(true);
    const diverse = s.safeParse({ password: "cavallo batteria graffetta", conferma: "cavallo batteria" });
    expect(diverse.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["conferma", MESSAGGI_PASSWORD.diverse]]);
    const corta = s.safeParse({ password: "corta", conferma: "corta" });
    expect(corta.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["password", MESSAGGI_PASSWORD.corta]]);
    const vuota = s.safeParse({ conferma: "x" });
    expect(vuota.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["password", MESSAGGI_PASSWORD.vuota]]);
    // Both fields wrong: both said at once.
    const entrambi = s.safeParse({ password: "breve" });
    expect(entrambi.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["password", MESSAGGI_PASSWORD.corta],
      ["conferma", MESSAGGI_PASSWORD.ripeti],
    ]);
    expect(s.safeParse({ password: "anna e i suoi gatti", conferma: "anna e i suoi gatti" }).error?.issues[0].message).toBe(MESSAGGI_PASSWORD.email);
  });
});
