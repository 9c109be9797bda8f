import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { hopFidati, indirizzoDa, INTESTAZIONE_SOCKET } from "./indirizzo";
import { timbraIndirizzoSocket } from "./socket";

describe("indirizzo del client", () => {
  it("senza proxy configurati, X-Forwarded-For non conta: vale l'indirizzo della connessione", () => {
    expect(indirizzoDa({ socket: "203.0.113.7", inoltrato: "1.2.3.4" }, 0)).toBe("203.0.113.7");
    expect(indirizzoDa({ socket: "::ffff:127.0.0.1", inoltrato: "9.9.9.9, 8.8.8.8" }, 0)).toBe("127.0.0.1");
    expect(indirizzoDa({ socket: null, inoltrato: "1.2.3.4" }, 0)).toBe("sconosciuto");
  });

  it("con N proxy fidati vale l'indirizzo visto dall'N-esimo, e un client non lo scavalca aggiungendo voci", () => {
    // client → proxy (10.0.0.2) → app: the proxy appended the client's real address.
    expect(indirizzoDa({ socket: "10.0.0.2", inoltrato: "198.51.100.9" }, 1)).toBe("198.51.100.9");
    expect(indirizzoDa({ socket: "10.0.0.2", inoltrato: "6.6.6.6, 198.51.100.9" }, 1)).toBe("198.51.100.9");
    expect(indirizzoDa({ socket: "10.0.0.3", inoltrato: "6.6.6.6, 198.51.100.9, 10.0.0.2" }, 2)).toBe("198.51.100.9");
    // Fewer entries than hops: the leftmost there is.
    expect(indirizzoDa({ socket: "10.0.0.2", inoltrato: "" }, 3)).toBe("10.0.0.2");
  });

  it("TRUST_PROXY si legge come numero di hop, altrimenti nessuno", () => {
    expect(hopFidati(undefined)).toBe(0);
    expect(hopFidati("2")).toBe(2);
    for (const v of ["", "no", "-1", "1.5", "true"]) expect(hopFidati(v)).toBe(0);
  });

  it("il server timbra l'indirizzo della connessione, sovrascrivendo quello che il client manda con lo stesso nome", async () => {
    const server = http.createServer((req, res) => {
      timbraIndirizzoSocket(req);
      res.end(String(req.headers[INTESTAZIONE_SOCKET]));
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    try {
      const porta = (server.address() as AddressInfo).port;
      const r = await fetch(`http://127.0.0.1:${porta}/`, { headers: { [INTESTAZIONE_SOCKET]: "6.6.6.6", "x-forwarded-for": "6.6.6.6" } });
      expect((await r.text()).replace(/^::ffff:/, "")).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
