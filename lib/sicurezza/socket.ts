/**
 * Next.js passes a client's own `X-Forwarded-For` through untouched and does not
 * expose the TCP peer to route code. So the server stamps, on every incoming
 * request, the peer's address into a header of its own, overwriting whatever the
 * client sent under that name: lib/sicurezza/indirizzo.ts reads it.
 * Installed once, from instrumentation.ts, in the process that serves HTTP.
 */
import http from "node:http";
import { INTESTAZIONE_SOCKET } from "./indirizzo";

const INSTALLATO = Symbol.for("bilancio.indirizzoSocket");

export function timbraIndirizzoSocket(): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (evento: string | symbol, ...args: unknown[]) => boolean };
  if (proto[INSTALLATO]) return;
  proto[INSTALLATO] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, evento: string | symbol, ...args: unknown[]) {
    if (evento === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[INTESTAZIONE_SOCKET] = req.socket?.remoteAddress ?? "";
    }
    return emit.call(this, evento, ...args);
  };
}
