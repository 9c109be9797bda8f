/**
 * The client's address, for throttling and the audit log. `X-Forwarded-For` is
 * written by whoever sends the request, so it is believed only as far as the
 * administrator says there are proxies in front of the app: TRUST_PROXY = number of
 * proxy hops (default 0, none). With N hops, the address is the one the N-th proxy
 * from us saw, counting from the right of the chain; a client cannot push it out by
 * adding entries on the left.
 */

/** The header in which the server stamps the TCP peer's address of each request (lib/sicurezza/socket.ts). */
export const INTESTAZIONE_SOCKET = "x-bilancio-indirizzo-socket";

export function hopFidati(valore = process.env.TRUST_PROXY): number {
  const n = Number(valore ?? "0");
  return Number.isInteger(n) && n > 0 ? Math.min(n, 10) : 0;
}

const pulito = (s: string | undefined | null) => (s ?? "").trim().replace(/^::ffff:/, "").slice(0, 100);

export function indirizzoDa(r: { socket: string | null | undefined; inoltrato: string | null | undefined }, hop = hopFidati()): string {
  const socket = pulito(r.socket);
  if (hop === 0) return socket || "sconosciuto";
  const catena = [...(r.inoltrato ?? "").split(",").map(pulito).filter(Boolean), socket].filter(Boolean);
  return catena[Math.max(0, catena.length - 1 - hop)] || "sconosciuto";
}
