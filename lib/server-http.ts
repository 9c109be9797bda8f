/**
 * The one place that hooks the process's Node HTTP servers, before Next.js sees a
 * request (Next.js exposes neither the TCP peer nor a way to answer before routing).
 * Each hook is installed once, in the order of the calls (instrumentation.ts); a hook
 * returns true when it has answered the request, and the request then goes no further.
 */
import http from "node:http";

type Aggancio = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

export function agganciaRichieste(nome: string, aggancio: Aggancio): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (evento: string | symbol, ...args: unknown[]) => boolean };
  const installato = Symbol.for(`bilancio.${nome}`);
  if (proto[installato]) return;
  proto[installato] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, evento: string | symbol, ...args: unknown[]) {
    if (evento === "request" && aggancio(args[0] as http.IncomingMessage, args[1] as http.ServerResponse)) return true;
    return emit.call(this, evento, ...args);
  };
}
