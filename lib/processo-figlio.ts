/**
 * Heavy background work runs in child processes at the lowest CPU priority (`nice -n 19`,
 * inherited by whatever they start, Chromium included), so the server's requests never wait
 * for it: the published files (lib/sito/coda.ts) and the daily backup (lib/backup/giornaliero.ts).
 */
import { spawn } from "node:child_process";
import path from "node:path";

/** The command that runs a TypeScript file of the app with Node and tsx, niced to 19. */
export function comandoFiglio(file: string, argomenti: string[] = [], o: { reactServer?: boolean } = {}): [string, string[]] {
  const dove = path.join(/*turbopackIgnore: true*/ process.cwd(), file);
  return ["nice", ["-n", "19", process.execPath, ...(o.reactServer ? ["--conditions=react-server"] : []), "--import", "tsx", dove, ...argomenti]];
}

/** Runs a script (scripts/…) to its end in a niced child; resolves with its exit code and output. */
export function eseguiScriptFiglio(file: string, env: Record<string, string>): Promise<{ codice: number | null; uscita: string }> {
  const [comando, argomenti] = comandoFiglio(file, [], { reactServer: true });
  return new Promise((fatto) => {
    const figlio = spawn(/*turbopackIgnore: true*/ comando, argomenti, { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let uscita = "";
    const annota = (b: Buffer) => (uscita = (uscita + b.toString("utf8")).slice(-4000));
    figlio.stdout.on("data", annota);
    figlio.stderr.on("data", annota);
    figlio.on("error", (e) => fatto({ codice: null, uscita: e.message }));
    figlio.on("close", (codice) => fatto({ codice, uscita: uscita.trim() }));
  });
}
