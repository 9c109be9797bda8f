/**
 * Links in mail must open from a mail client, so they carry the app's public
 * address. In order:
 *
 * 1. NEXTAUTH_URL (the setting next-auth also uses behind a proxy);
 * 2. the address `npm run setup` was given, kept in the file `.indirizzo-pubblico`
 *    next to the database;
 * 3. http://localhost:$PORT (3000 by default).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { databasePath } from "../../db/open";

type Ambiente = Record<string, string | undefined>;

/** The file where `npm run setup` keeps the public address. */
export function fileIndirizzoPubblico(): string {
  return path.join(path.dirname(databasePath()), ".indirizzo-pubblico");
}

/** "https://bilancio.comune.example/" → "https://bilancio.comune.example"; null if it is not an http(s) address. */
export function normalizzaIndirizzo(grezzo: string | undefined | null): string | null {
  const t = grezzo?.trim();
  if (!t) return null;
  try {
    const u = new URL(t);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    if (u.username || u.password || u.search || u.hash) return null;
    return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
  } catch {
    return null;
  }
}

function daFile(file: string): string | null {
  try {
    return normalizzaIndirizzo(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** The public address, without a trailing slash: "https://bilancio.comune.example". */
export function indirizzoPubblico(env: Ambiente = process.env, file: string | null = fileIndirizzoPubblico()): string {
  return normalizzaIndirizzo(env.NEXTAUTH_URL) ?? (file ? daFile(file) : null) ?? `http://localhost:${env.PORT?.trim() || "3000"}`;
}

/** "/edizione/2014-2016" → "https://bilancio.comune.example/edizione/2014-2016". Absolute http(s) links pass through. */
export function linkAssoluto(percorso: string, base: string = indirizzoPubblico()): string {
  if (/^https?:\/\//i.test(percorso)) return percorso;
  const p = percorso.startsWith("/") ? percorso : `/${percorso}`;
  return `${base.replace(/\/+$/, "")}${p}`;
}

/** Keeps the public address for the server's mail (used by `npm run setup`). */
export function salvaIndirizzoPubblico(indirizzo: string, file: string = fileIndirizzoPubblico()): void {
  const n = normalizzaIndirizzo(indirizzo);
  if (!n) throw new Error(`Indirizzo non valido: ${indirizzo}`);
  writeFileSync(file, `${n}\n`, { mode: 0o600 });
}
