/**
 * Next.js passes a client's own `X-Forwarded-For` through untouched and does not
 * expose the TCP peer to route code. So server.ts stamps, on every incoming request,
 * the peer's address into a header of its own, overwriting whatever the client sent
 * under that name: lib/sicurezza/indirizzo.ts reads it.
 */
import type http from "node:http";
import { INTESTAZIONE_SOCKET } from "./indirizzo";

export function timbraIndirizzoSocket(req: http.IncomingMessage): void {
  req.headers[INTESTAZIONE_SOCKET] = req.socket?.remoteAddress ?? "";
}
