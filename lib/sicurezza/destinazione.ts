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
