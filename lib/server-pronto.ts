/**
 * The address the server listens on, once it does: set by server.ts after listen, awaited
 * by work that asks the server itself for pages (the published files' child process, whose
 * port is chosen by the system). On globalThis: server.ts and the Next.js bundle load this
 * module separately.
 */
const g = globalThis as unknown as { __bilancioServerPronto?: { origine: Promise<string>; segnala: (origine: string) => void } };

function crea() {
  let segnala: (origine: string) => void = () => {};
  const origine = new Promise<string>((fatto) => (segnala = fatto));
  return { origine, segnala };
}
const stato = (g.__bilancioServerPronto ??= crea());

export const segnalaServerPronto = (origine: string): void => stato.segnala(origine);
export const origineInAscolto = (): Promise<string> => stato.origine;
