/**
 * Puts the published files in front of the app, at the HTTP server itself: a request
 * the folders answer (lib/sito/servi.ts) is answered there, before Next.js routes it,
 * as cheaply as a static file; every other request goes on to the app untouched.
 * Installed once, from instrumentation.ts, like the socket-address stamp.
 */
import http from "node:http";
import { rispostaSito } from "./servi";

const INSTALLATO = Symbol.for("bilancio.sitoPubblicato");

export function serviSitoPubblicato(radice: string, https: boolean): void {
  const proto = http.Server.prototype as unknown as Record<symbol, boolean> & { emit: (evento: string | symbol, ...args: unknown[]) => boolean };
  if (proto[INSTALLATO]) return;
  proto[INSTALLATO] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, evento: string | symbol, ...args: unknown[]) {
    if (evento === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      try {
        const r = rispostaSito(
          { metodo: req.method ?? "GET", url: req.url ?? "/", acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"] },
          radice,
          https,
        );
        if (r) {
          res.writeHead(r.status, r.intestazioni);
          res.end(r.corpo ?? undefined);
          return true;
        }
      } catch (e) {
        // The app can still answer: it renders the page from the database.
        console.error("[sito] file non servito:", e);
      }
    }
    return emit.call(this, evento, ...args);
  };
}
