/**
 * Where to go after logging in: only a path of this same site. The candidate is
 * parsed as a URL the way a browser will read it (backslashes as slashes, tabs and
 * newlines dropped), not checked by string prefix, so "/\evil.example" or
 * "/<tab>/evil.example" cannot turn into another site.
 */
const BASE = "http://app.invalid";

export function destinazioneSicura(candidata: string | null | undefined, predefinita = "/"): string {
  if (!candidata || candidata.length > 2000) return predefinita;
  let u: URL;
  try {
    u = new URL(candidata, BASE);
  } catch {
    return predefinita;
  }
  if (u.origin !== BASE || !candidata.trimStart().startsWith("/")) return predefinita;
  const percorso = `${u.pathname}${u.search}${u.hash}`;
  // The normalised path must itself be unambiguous: "//x" would be read as a host.
  return percorso.startsWith("//") ? predefinita : percorso;
}

/**
 * The request header in which the proxy (proxy.ts) hands a page its own path and query, so that
 * a signed-out visit can be sent to the login with the way back. The proxy always overwrites it;
 * whatever it holds is still checked with destinazioneSicura before use.
 */
export const INTESTAZIONE_PERCORSO = "x-bilancio-percorso";

/**
 * A request's path and query as the user asked for them: without Next.js's internal `_rsc`
 * parameter (client-side navigations), ASCII only (a header carries no other byte), and
 * null when too long to come back to.
 */
export function percorsoDellaRichiesta(url: URL): string | null {
  let search = url.search;
  if (url.searchParams.has("_rsc")) {
    const q = new URLSearchParams(url.searchParams);
    q.delete("_rsc");
    const resto = q.toString();
    search = resto ? `?${resto}` : "";
  }
  const percorso = `${url.pathname}${search}`.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  return percorso.length <= 2000 ? percorso : null;
}

/**
 * The login page, with the page to come back to when there is one: a same-site path other
 * than the home (where the login leads anyway) and other than the login itself.
 */
export function indirizzoAccesso(percorso: string | null | undefined): string {
  const d = destinazioneSicura(percorso, "/");
  if (d === "/" || /^\/login(?:[/?#]|$)/.test(d)) return "/login";
  return `/login?callbackUrl=${encodeURIComponent(d)}`;
}
