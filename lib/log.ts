/**
 * The process's one logger: a JSON line per event on stdout (pino), for journald or
 * any log collector; readable coloured lines in development. One instance per process,
 * shared through globalThis, because server.ts (run by Node) and the app (bundled by
 * Next.js) load this module separately and must write through the same stream.
 * What goes in a line: ids, routes, counts, durations, never an email, password or token.
 */
import pino, { type Logger } from "pino";

type Ascoltatore = (riga: Record<string, unknown>) => void;
const g = globalThis as unknown as { __bilancioLog?: Logger; __bilancioAscoltatoriLog?: Set<Ascoltatore> };
const ascoltatori = (g.__bilancioAscoltatoriLog ??= new Set());

function crea(): Logger {
  const prova = process.env.NODE_ENV === "test";
  const opzioni = {
    level: process.env.LOG_LEVEL ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["email", "password", "token", "*.email", "*.password", "*.token"], censor: "[nascosto]" },
    hooks: {
      streamWrite(riga: string): string {
        for (const a of ascoltatori) a(JSON.parse(riga) as Record<string, unknown>);
        return riga;
      },
    },
  };
  // Unit tests read the lines through ascoltaLog, and keep their own output clean.
  if (prova && !process.env.LOG_LEVEL) return pino(opzioni, { write: () => {} });
  if (process.env.NODE_ENV !== "production" && process.env.LOG_FORMAT !== "json") {
    try {
      // pino-pretty is a development dependency: absent from a production install, where lines stay JSON.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const pretty = require("pino-pretty") as (o: object) => NodeJS.WritableStream;
      return pino(opzioni, pretty({ colorize: true, sync: true, translateTime: "HH:MM:ss", ignore: "pid,hostname" }));
    } catch {
      // Not installed: JSON it is.
    }
  }
  return pino(opzioni, pino.destination({ dest: 1, sync: true }));
}

export const log: Logger = (g.__bilancioLog ??= crea());

/** A logger for one kind of work (posta, sito, backup…): its lines carry `lavoro`. */
export const logLavoro = (lavoro: string): Logger => log.child({ lavoro });

interface ErroreRegistrato {
  messaggio: string;
  stack?: string;
  causa?: ErroreRegistrato;
}

/** An error as a log field: its message, stack and cause (two levels), never the object's other properties. */
export function erroreDaRegistrare(e: unknown, livello = 0): ErroreRegistrato {
  if (!(e instanceof Error)) return { messaggio: String(e) };
  const r: ErroreRegistrato = { messaggio: e.message, stack: e.stack };
  if (e.cause !== undefined && livello < 2) r.causa = erroreDaRegistrare(e.cause, livello + 1);
  return r;
}

/** For tests: every line written from now on, as an object, until the returned function is called. */
export function ascoltaLog(ascoltatore: Ascoltatore): () => void {
  ascoltatori.add(ascoltatore);
  return () => void ascoltatori.delete(ascoltatore);
}
