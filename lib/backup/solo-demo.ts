/**
 * `npm run db:reset` (and `npm run demo`, which runs it) deletes the database. It does
 * so only when the database holds nothing but the demo, or when told `--force`.
 *
 * "Only the demo" means all of these hold:
 * - the file is missing, empty, or has no tables yet;
 * - its audit log starts with the demo's own loading (`edizione.importa` by "db:reset");
 * - every account is a demo account: e-mail at @cremona.example, a reserved domain
 *   that receives no mail, so no real person can have one;
 * - every edition is one of the demo's (2014-2016, 2017-2019): no edition created,
 *   imported or corrected (an erratum is an edition row of its own) after the reset;
 * - every settore is one of the demo package's.
 * What the demo accounts did to the demo editions (saving, reviewing, commenting) is
 * playing with the demo, and is deleted without asking. The e2e tests' database is
 * theirs to throw away: playwright.config.ts resets it with --force.
 */
import "server-only";
import Database from "better-sqlite3";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { EDIZIONE_PUBBLICATA, PROSSIMA_EDIZIONE } from "../../db/demo/edizioni";

export const DOMINIO_DEMO = "@cremona.example";
export const EDIZIONI_DEMO = [EDIZIONE_PUBBLICATA, PROSSIMA_EDIZIONE.slug];

export interface EsitoSoloDemo {
  /** True when deleting the file loses nothing but the demo. */
  soloDemo: boolean;
  /** Why not, in Italian, one line each. */
  motivi: string[];
}

function settoriDemo(): Set<string> {
  const p = JSON.parse(readFileSync(path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/demo/cremona-2014-2016.json"), "utf8")) as { settori: { codice: string }[] };
  return new Set(p.settori.map((s) => s.codice));
}

const elenco = (v: string[], max = 3) => v.slice(0, max).join(", ") + (v.length > max ? ` e altri ${v.length - max}` : "");

/** Reads the database (never writes it) and says whether it holds only the demo. */
export function contenutoSoloDemo(file: string): EsitoSoloDemo {
  if (!existsSync(file) || statSync(file).size === 0) return { soloDemo: true, motivi: [] };
  let c: Database.Database;
  try {
    c = new Database(file, { fileMustExist: true });
  } catch (e) {
    return { soloDemo: false, motivi: [`non si apre come database SQLite (${(e as Error).message}).`] };
  }
  try {
    c.pragma("query_only = ON");
    const tabelle = new Set(c.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (tabelle.size === 0) return { soloDemo: true, motivi: [] };
    if (!["users", "editions", "settori", "audit_log"].every((t) => tabelle.has(t))) {
      return { soloDemo: false, motivi: ["non è un database del Bilancio Sociale (mancano le sue tabelle): forse DATABASE_PATH punta al file sbagliato."] };
    }
    const motivi: string[] = [];
    const prima = c.prepare("SELECT azione, attore FROM audit_log ORDER BY id LIMIT 1").get() as { azione: string; attore: string | null } | undefined;
    if (!prima || prima.azione !== "edizione.importa" || prima.attore !== "db:reset") motivi.push("il suo registro non comincia con il caricamento della demo fatto da db:reset.");
    const utenti = (c.prepare("SELECT email FROM users ORDER BY id").pluck().all() as string[]).filter((e) => !e.toLowerCase().endsWith(DOMINIO_DEMO));
    if (utenti.length) motivi.push(`ha ${utenti.length === 1 ? "un account che non è" : `${utenti.length} account che non sono`} della demo: ${elenco(utenti)}.`);
    const edizioni = (c.prepare("SELECT slug FROM editions ORDER BY id").pluck().all() as string[]).filter((s) => !EDIZIONI_DEMO.includes(s));
    if (edizioni.length) motivi.push(`ha ${edizioni.length === 1 ? "un'edizione che non è" : `${edizioni.length} edizioni che non sono`} della demo: ${elenco(edizioni)}.`);
    const demo = settoriDemo();
    const settori = (c.prepare("SELECT codice FROM settori ORDER BY id").pluck().all() as string[]).filter((s) => !demo.has(s));
    if (settori.length) motivi.push(`ha ${settori.length === 1 ? "un settore che non è" : `${settori.length} settori che non sono`} della demo: ${elenco(settori)}.`);
    return { soloDemo: motivi.length === 0, motivi };
  } catch (e) {
    return { soloDemo: false, motivi: [`non si legge (${(e as Error).message}).`] };
  } finally {
    c.close();
  }
}

/** What db:reset prints when it refuses. */
export function spiegaRifiuto(file: string, motivi: string[]): string {
  return [
    `db:reset NON ha cancellato ${file}: contiene altro oltre alla demo, e ricrearlo lo perderebbe.`,
    ...motivi.map((m) => `  - ${m}`),
    "Se è davvero da buttare (per esempio un database di prova), ricrealo con:",
    "  npm run db:reset -- --force",
    "(prima viene salvata una copia nella cartella dei backup). Per usare la demo accanto ai tuoi dati,",
    "indica un altro file: DATABASE_PATH=data/demo.sqlite npm run demo",
  ].join("\n");
}

/**
 * db:reset's guard: true when the file may be deleted. Without `forza`, only a database
 * holding nothing but the demo (the refusal is printed otherwise). With it, a database
 * holding more is first copied into the backup folder ("prima-del-reset").
 */
export async function siPuoRicreare(file: string, forza: boolean): Promise<boolean> {
  const esito = contenutoSoloDemo(file);
  if (esito.soloDemo) return true;
  if (!forza) {
    console.error(spiegaRifiuto(file, esito.motivi));
    return false;
  }
  const { eseguiBackup } = await import("./copie");
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const r = await eseguiBackup(sqlite, { fileDatabase: file, etichetta: "prima-del-reset" });
    console.log(`--force: il database conteneva altro oltre alla demo; copia salvata in ${r.file}.`);
    return true;
  } catch (e) {
    console.error(`db:reset NON ha cancellato ${file}: la copia di sicurezza non è riuscita (${(e as Error).message}). Se il file è da buttare, cancellalo a mano.`);
    return false;
  } finally {
    sqlite.close();
  }
}
