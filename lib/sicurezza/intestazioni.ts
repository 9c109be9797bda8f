/**
 * The security headers of every response, decided in one place (proxy.ts applies them).
 *
 * - The signed-in app is rendered per request, so its scripts carry a fresh nonce:
 *   `script-src 'nonce-…' 'strict-dynamic'`, no 'unsafe-inline' for scripts.
 * - The public edition (/edizioni) is served from the full-route cache, rendered once
 *   for everybody, where no per-request nonce can reach the HTML: its scripts are
 *   Next's own inline hydration data, so it gets 'self' 'unsafe-inline' for scripts,
 *   and still nothing from other origins.
 * - Styles allow inline `style` attributes (charts are SVG with inline styles, React
 *   `style={{…}}` props): CSS cannot run code.
 * - Nothing may frame any page (the sign and publish buttons included).
 */

export interface OpzioniIntestazioni {
  /** Present for pages rendered per request. */
  nonce?: string;
  /** Served over https: then HSTS too. */
  https: boolean;
  /** next dev needs eval for its error overlay. */
  sviluppo?: boolean;
  /** A published page served as a file: it has no script of its own, inline or not. */
  statica?: boolean;
}

/** Paths served from the shared cache, the same bytes for everybody: no nonce can be used. */
export function percorsoPubblicoInCache(percorso: string): boolean {
  return percorso === "/edizioni" || percorso.startsWith("/edizioni/");
}

export function politicaContenuti({ nonce, sviluppo, statica }: OpzioniIntestazioni): string {
  const script = statica ? "'self'" : nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self' 'unsafe-inline'";
  return [
    "default-src 'self'",
    `script-src ${script}${sviluppo ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function intestazioniSicurezza(o: OpzioniIntestazioni): Record<string, string> {
  return {
    "Content-Security-Policy": politicaContenuti(o),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(o.https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** A nonce: 128 random bits, base64. */
export function nuovoNonce(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return btoa(String.fromCharCode(...b));
}
