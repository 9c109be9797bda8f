import { describe, expect, it } from "vitest";
import { intestazioniSicurezza, nuovoNonce, percorsoPubblicoInCache, politicaContenuti } from "./intestazioni";

describe("intestazioni di sicurezza", () => {
  it("l'app di lavoro ha script solo con il nonce della richiesta, mai 'unsafe-inline'", () => {
    const csp = politicaContenuti({ nonce: "abc123", https: false });
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(script).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it("nessuna pagina si può incorniciare, da nessuna origine", () => {
    for (const nonce of ["x", undefined]) {
      const h = intestazioniSicurezza({ nonce, https: false });
      expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
      expect(h["X-Frame-Options"]).toBe("DENY");
      expect(h["X-Content-Type-Options"]).toBe("nosniff");
      expect(h["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["Permissions-Policy"]).toMatch(/camera=\(\)/);
      expect(h["Content-Security-Policy"]).toContain("object-src 'none'");
    }
  });

  it("HSTS solo quando si serve in https", () => {
    expect(intestazioniSicurezza({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(intestazioniSicurezza({ https: true })["Strict-Transport-Security"]).toMatch(/max-age=31536000/);
  });

  it("solo l'edizione pubblica in cache fa a meno del nonce", () => {
    expect(percorsoPubblicoInCache("/edizioni")).toBe(true);
    expect(percorsoPubblicoInCache("/edizioni/2014-2016/parte-1")).toBe(true);
    expect(percorsoPubblicoInCache("/edizione/2014-2016")).toBe(false);
    expect(percorsoPubblicoInCache("/edizioni-false")).toBe(false);
  });

  it("ogni nonce è nuovo e imprevedibile", () => {
    const n = new Set(Array.from({ length: 100 }, nuovoNonce));
    expect(n.size).toBe(100);
    for (const x of n) expect(x).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
