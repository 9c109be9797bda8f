/**
 * What the request log line needs from inside the app: who was signed in. server.ts runs
 * every request inside this context; the session check (app/_server/session.ts) writes the
 * user's id in it. The AsyncLocalStorage lives on globalThis because server.ts and the
 * Next.js bundle load this module separately.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface ContestoRichiesta {
  /** Also answered as X-Request-Id, so a user's report can be matched to its log line. */
  id: string;
  /** The signed-in user's id, once the app has checked the session. */
  utente?: number;
}

const g = globalThis as unknown as { __bilancioContesto?: AsyncLocalStorage<ContestoRichiesta> };
export const contestoRichieste: AsyncLocalStorage<ContestoRichiesta> = (g.__bilancioContesto ??= new AsyncLocalStorage());

/** Records the signed-in user of the current request (nothing outside a request). */
export function annotaUtente(id: number): void {
  const c = contestoRichieste.getStore();
  if (c) c.utente = id;
}
