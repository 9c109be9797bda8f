/** What every benchmark is and gets; the entry (scripts/bench.ts) runs them in order on one server. */
import type { Sessione } from "./sessione";
import type { Risultato } from "./statistiche";

/** A benchmark that cannot run: its message is printed as is, without a stack. */
export class ErroreBench extends Error {}

export interface Contesto {
  /**
   * `n` logged-in coordinator sessions, shared by the benchmarks of one run: logged in on
   * first use, so only benchmarks that need them pay for the logins.
   */
  sessioniCoordinatore: (n: number) => Promise<Sessione[]>;
}

export interface Benchmark {
  nome: string;
  /** One line about the run's size (from the env), printed before the server starts. */
  parametri?: () => string;
  esegui: (ctx: Contesto) => Promise<Risultato>;
}
