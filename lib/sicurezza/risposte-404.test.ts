import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nessunaCacheSeNonTrovata } from "./risposte-404";

const ANNO = "public, max-age=31536000, immutable";

/** A server answering each path as its handler says, every response passed through the rule as server.ts does. */
const risposte: Record<string, (res: http.ServerResponse) => void> = {
  // As Next.js does: a header from next.config.js first, the status set later, the headers written implicitly.
  "/404-implicito": (res) => {
    res.setHeader("Cache-Control", ANNO);
    res.statusCode = 404;
    res.end("Pagina non trovata");
  },
  "/404-oggetto": (res) => res.writeHead(404, { "Cache-Control": ANNO, "X-Altro": "1" }).end(),
  "/404-lista": (res) => res.writeHead(404, "Not Found", ["cache-control", ANNO, "X-Altro", "1"]).end(),
  "/200": (res) => {
    res.setHeader("Cache-Control", ANNO);
    res.end("ok");
  },
  "/410": (res) => res.writeHead(410, { "Cache-Control": "public, max-age=60" }).end(),
};

let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    nessunaCacheSeNonTrovata(res);
    risposte[req.url ?? ""]!(res);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

describe("un 404 non resta in nessuna cache", () => {
  it("qualunque Cache-Control avesse, un 404 esce no-store, comunque siano scritte le intestazioni", async () => {
    for (const p of ["/404-implicito", "/404-oggetto", "/404-lista"]) {
      const r = await fetch(base + p);
      expect(r.status, p).toBe(404);
      expect(r.headers.get("cache-control"), p).toBe("no-store");
    }
    expect((await fetch(`${base}/404-oggetto`)).headers.get("x-altro")).toBe("1");
    expect((await fetch(`${base}/404-lista`)).headers.get("x-altro")).toBe("1");
  });

  it("le altre risposte restano come sono", async () => {
    expect((await fetch(`${base}/200`)).headers.get("cache-control")).toBe(ANNO);
    expect((await fetch(`${base}/410`)).headers.get("cache-control")).toBe("public, max-age=60");
  });
});
