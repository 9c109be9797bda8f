/**
 * What must happen when the server stops, registered by whoever started it (the
 * workers and the database connection, in instrumentation.ts) and run by server.ts
 * once requests in flight are done: last registered, first run, so the database is
 * closed after the workers that use it. On globalThis: server.ts and the Next.js
 * bundle load this module separately.
 */
import { erroreDaRegistrare, log } from "./log";

type Passo = { nome: string; fai: () => void | Promise<void> };
const g = globalThis as unknown as { __bilancioArresto?: Passo[] };
const passi = (g.__bilancioArresto ??= []);

/** Adds a step of the stop; a step registered again under its name is replaced where it stands. */
export function allArresto(nome: string, fai: Passo["fai"]): void {
  const i = passi.findIndex((p) => p.nome === nome);
  if (i >= 0) passi[i] = { nome, fai };
  else passi.push({ nome, fai });
}

/** Runs every step, latest first; a failing step is logged and the others still run. */
export async function eseguiArresto(): Promise<void> {
  for (const p of passi.splice(0).reverse()) {
    try {
      await p.fai();
      log.info({ passo: p.nome }, "arresto: fatto");
    } catch (e) {
      log.error({ passo: p.nome, errore: erroreDaRegistrare(e) }, "arresto: passo non riuscito");
    }
  }
}
