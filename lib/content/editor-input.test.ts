import { describe, expect, it } from "vitest";
import { erroreSotto, interpretaCollegamento, interpretaNota, titoliIncollati, uriAmmesso } from "./editor-input";
import { MAX_TESTO_NOTA } from "./rich-text";

describe("collegamenti scritti dal referente", () => {
  it("completa gli indirizzi senza schema", () => {
    expect(interpretaCollegamento("www.comune.cremona.it")).toEqual({ ok: true, href: "https://www.comune.cremona.it" });
    expect(interpretaCollegamento("  urp@comune.cremona.it ")).toEqual({ ok: true, href: "mailto:urp@comune.cremona.it" });
    expect(interpretaCollegamento("https://dati.comune.it/a?b=1#c")).toMatchObject({ ok: true, href: "https://dati.comune.it/a?b=1#c" });
  });

  it("rifiuta schemi diversi da http, https e mailto, con il motivo", () => {
    for (const t of ["javascript:alert(1)", "tel:0372407", "data:text/html,x", "JAVASCRIPT:alert(1)"]) {
      const r = interpretaCollegamento(t);
      expect(r.ok, t).toBe(false);
      expect(r.ok ? "" : r.messaggio).toMatch(/http:\/\/, https:\/\/ o mailto:/);
    }
  });

  it("rifiuta il vuoto e gli indirizzi incompleti", () => {
    expect(interpretaCollegamento("   ")).toMatchObject({ ok: false, messaggio: expect.stringMatching(/Scrivi l'indirizzo/) });
    expect(interpretaCollegamento("https://intranet")).toMatchObject({ ok: false });
    expect(interpretaCollegamento("comune")).toMatchObject({ ok: false });
    expect(interpretaCollegamento("http://localhost:3000/x")).toMatchObject({ ok: true });
  });

  it("lascia passare mentre si digita solo ciò che pulisciDoc potrà tenere", () => {
    expect(uriAmmesso("www.comune.it")).toBe(true);
    expect(uriAmmesso("https://x.it")).toBe(true);
    expect(uriAmmesso("mailto:a@b.it")).toBe(true);
    expect(uriAmmesso("java\nscript:alert(1)")).toBe(false);
    expect(uriAmmesso("ftp://x.it")).toBe(false);
  });
});

describe("note a piè di pagina", () => {
  it("normalizza gli spazi e rifiuta il vuoto", () => {
    expect(interpretaNota("  Fonte:   ISTAT  ")).toEqual({ ok: true, testo: "Fonte: ISTAT" });
    expect(interpretaNota("   ")).toMatchObject({ ok: false });
  });

  it("dice quanti caratteri ha una nota troppo lunga", () => {
    const r = interpretaNota("x".repeat(MAX_TESTO_NOTA + 5));
    expect(r).toEqual({ ok: false, messaggio: `La nota può contenere al massimo ${MAX_TESTO_NOTA} caratteri: ora ne ha ${MAX_TESTO_NOTA + 5}.` });
  });
});

describe("titoli incollati", () => {
  it("porta h1 e h2 a h3, h5 e h6 a h4, lasciando il resto", () => {
    expect(titoliIncollati('<h1 class="x">A</h1><h2>B</h2><h5>C</h5><h6>D</h6><h3>E</h3><header>F</header>')).toBe('<h3 class="x">A</h3><h3>B</h3><h4>C</h4><h4>D</h4><h3>E</h3><header>F</header>');
  });
});

describe("errore di un campo di testo ricco", () => {
  it("è il suo, oppure il primo trovato dentro il documento", () => {
    expect(erroreSotto({ contenuto: "proprio" }, "contenuto")).toBe("proprio");
    expect(erroreSotto({ "contenuto.content.2.content.0.text": "dentro", altro: "x" }, "contenuto")).toBe("dentro");
    expect(erroreSotto({ contenutoExtra: "no" }, "contenuto")).toBeUndefined();
  });
});
