/**
 * Puts the published files in front of the app, at the HTTP server itself: a request
 * the folders answer (lib/sito/servi.ts) is answered there, before Next.js routes it,
 * as cheaply as a static file; every other request goes on to the app untouched.
 * Installed once, from instrumentation.ts, after the socket-address stamp.
 */
import { agganciaRichieste } from "../server-http";
import { rispostaSito } from "./servi";

export function serviSitoPubblicato(radice: string, https: boolean): void {
  agganciaRichieste("sitoPubblicato", (req, res) => {
    try {
      const r = rispostaSito(
        { metodo: req.method ?? "GET", url: req.url ?? "/", acceptEncoding: req.headers["accept-encoding"], ifNoneMatch: req.headers["if-none-match"] },
        radice,
        https,
      );
      if (!r) return false;
      res.writeHead(r.status, r.intestazioni);
      res.end(r.corpo ?? undefined);
      return true;
    } catch (e) {
      // The app can still answer: it renders the page from the database.
      console.error("[sito] file non servito:", e);
      return false;
    }
  });
}
