/**
 * Next.js passes a client's own `X-Forwarded-For` through untouched and does not
 * expose the TCP peer to route code. So the server stamps, on every incoming
 * request, the peer's address into a header of its own, overwriting whatever the
 * client sent under that name: lib/sicurezza/indirizzo.ts reads it.
 * Installed once, from instrumentation.ts, in the process that serves HTTP.
 */
import { agganciaRichieste } from "../server-http";
import { INTESTAZIONE_SOCKET } from "./indirizzo";

export function timbraIndirizzoSocket(): void {
  agganciaRichieste("indirizzoSocket", (req) => {
    req.headers[INTESTAZIONE_SOCKET] = req.socket?.remoteAddress ?? "";
    return false;
  });
}
