import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { edizionePubblicata } from "../publication/prova-pubblicata";
import { pubblicazione, type Pubblicazione } from "../publication/queries";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { Db } from "../../db/open";
import * as schema from "../../db/schema";
import { generaSito } from "./genera";
import { aggiornaRiga, lavoraCoda, type AggiornamentoSito } from "./lavoro";
import { cssConFontLocali, fogliDiStile, htmlRelativo, htmlStatico } from "./html";
import { fileRegistrato, leggiOrigine } from "./origine";
import { fileDiPagina, pagineSito, richiestaSito } from "./percorsi";
import { codificaAccettata, dimenticaCartelle, rispostaSito } from "./servi";

const sha = (b: Uint8Array | string) => createHash("sha256").update(b).digest("hex");

/** What Next.js sends for a public page, in miniature: scripts, preloads, a stylesheet, links. */
function paginaNext(percorso: string): string {
  return `<!DOCTYPE html><html lang="it"><head><meta charSet="utf-8"/>
<link rel="stylesheet" href="/_next/static/css/app.css" data-precedence="next"/>
<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack.js"/>
<link rel="icon" href="/favicon.ico" type="image/x-icon"/>
<script src="/_next/static/chunks/main.js" async="" nonce="abc"></script><title>${percorso || "copertina"}</title></head>
<body><a href="/edizioni/2014-2016">Copertina</a> <a href="/edizioni/2014-2016/impegni">Impegni</a>
<a href="/edizioni/2014-2016/revisioni/1#parte-impegni">Tutta</a> <a href="/edizioni/2014-2016/dati.json">JSON</a>
<a href="/edizioni/2014-2016/revisioni/1/bilancio-sociale.pdf">PDF</a> <a href="/login">Accesso</a> <a href="#sopra">Su</a>
<form method="post" action="/api/ascolto"></form>
<script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;
}

describe("indirizzi e file", () => {
  it("un indirizzo pubblico corrisponde a un file della cartella, mai fuori", () => {
    expect(richiestaSito("/edizioni/2014-2016")).toEqual({ slug: "2014-2016", revisione: null, file: "index.html" });
    expect(richiestaSito("/edizioni/2014-2016/impegni/offerta")).toEqual({ slug: "2014-2016", revisione: null, file: "impegni/offerta/index.html" });
    expect(richiestaSito("/edizioni/2014-2016/dati.json")).toEqual({ slug: "2014-2016", revisione: null, file: "dati.json" });
    expect(richiestaSito("/edizioni/2014-2016/SHA256SUMS")).toEqual({ slug: "2014-2016", revisione: null, file: "SHA256SUMS" });
    expect(richiestaSito("/edizioni/2014-2016/revisioni/2")).toEqual({ slug: "2014-2016", revisione: 2, file: "revisioni/2/index.html" });
    expect(richiestaSito("/edizioni/2014-2016/revisioni/2/font/t.woff2")).toEqual({ slug: "2014-2016", revisione: 2, file: "font/t.woff2" });
    // The print page and pages of old revisions are the app's.
    expect(richiestaSito("/edizioni/2014-2016/revisioni/2/stampa")).toBeNull();
    for (const cattivo of ["/edizioni/../x", "/edizioni/2014-2016/%2e%2e/%2e%2e/etc/passwd", "/edizioni/2014-2016/.origine.json", "/edizioni/2014-2016/a/..%2f..%2fx", "/edizioni/2014-2016/revisioni/01/dati.json", "/edizioni/UPPER", "/altro/x"]) {
      expect(richiestaSito(cattivo), cattivo).toBeNull();
    }
  });

  it("le pagine di una revisione: copertina, parti, aree, ambiti, integrità e la versione in una pagina", () => {
    const { db } = edizionePubblicata();
    const p = pubblicazione(db, "2014-2016")!;
    const pagine = pagineSito(p.dati, 1).map((x) => x.percorso);
    expect(pagine[0]).toBe("");
    expect(pagine).toContain("impegni/offerta-culturale-turistica");
    expect(pagine).toContain("integrita");
    expect(pagine.at(-1)).toBe("revisioni/1");
    expect(new Set(pagine).size).toBe(pagine.length);
    expect(fileDiPagina("impegni")).toBe("impegni/index.html");
  });
});

describe("pagine come file", () => {
  it("senza script né precaricamenti, con un solo foglio di stile: la copia della revisione", () => {
    const html = htmlStatico(paginaNext(""), { css: "/edizioni/2014-2016/revisioni/1/stile.css" });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/rel="preload"/);
    expect(html).not.toMatch(/nonce=/);
    expect(fogliDiStile(html)).toEqual(["/edizioni/2014-2016/revisioni/1/stile.css"]);
  });

  it("i font del foglio di stile diventano file accanto a lui", () => {
    const { css, font } = cssConFontLocali("@font-face{src:url(/_next/static/media/t.abc.woff2) format('woff2')}a{background:url(data:x)}", "font");
    expect(css).toBe("@font-face{src:url(font/t.abc.woff2) format('woff2')}a{background:url(data:x)}");
    expect([...font]).toEqual([["t.abc.woff2", "/_next/static/media/t.abc.woff2"]]);
    // As the bundler writes them: relative to the stylesheet.
    const relativo = cssConFontLocali('@font-face{src:url("../media/t.woff2")}', "font", "/_next/static/chunks/a.css");
    expect(relativo.css).toBe("@font-face{src:url(font/t.woff2)}");
    expect(relativo.font.get("t.woff2")).toBe("/_next/static/media/t.woff2");
  });

  it("nello ZIP i collegamenti della revisione sono relativi, gli altri vanno all'app, nessuna risorsa esterna", () => {
    const file = new Set(["index.html", "impegni/index.html", "revisioni/1/index.html", "dati.json", "bilancio-sociale.pdf", "stile.css"]);
    const statico = htmlStatico(paginaNext("impegni"), { css: "/edizioni/2014-2016/revisioni/1/stile.css" });
    const html = htmlRelativo(statico, { slug: "2014-2016", revisione: 1, file: "impegni/index.html", esiste: (f) => file.has(f), indirizzoApp: "https://bilancio.comune.example" });
    expect(html).toContain('href="../index.html"');
    expect(html).toContain('href="index.html"');
    expect(html).toContain('href="../revisioni/1/index.html#parte-impegni"');
    expect(html).toContain('href="../dati.json"');
    expect(html).toContain('href="../bilancio-sociale.pdf"');
    expect(html).toContain('href="../stile.css"');
    expect(html).toContain('href="https://bilancio.comune.example/login"');
    expect(html).toContain('action="https://bilancio.comune.example/api/ascolto"');
    expect(html).toContain('href="#sopra"');
    expect(html).not.toContain("favicon");
    expect(html).not.toMatch(/\s(?:href|src)="\/(?!\/)/);
  });
});

describe("la cartella di una revisione", () => {
  let radice: string;
  let server: http.Server;
  let origine: string;
  let p: Pubblicazione;
  const FONT = Buffer.from("wOF2-font-finto");
  const CSS = "body{color:#17324d}@font-face{font-family:T;src:url(/_next/static/media/t.woff2)}";
  const PDF = Buffer.from("%PDF-1.7 finto");

  beforeAll(async () => {
    radice = mkdtempSync(path.join(os.tmpdir(), "sito-"));
    p = pubblicazione(edizionePubblicata().db, "2014-2016")!;
    server = http.createServer((req, res) => {
      const url = req.url ?? "";
      if (url === "/_next/static/css/app.css") return res.writeHead(200, { "Content-Type": "text/css" }).end(CSS);
      if (url === "/_next/static/media/t.woff2") return res.writeHead(200).end(FONT);
      if (url.startsWith("/edizioni/2014-2016")) return res.writeHead(200, { "Content-Type": "text/html" }).end(paginaNext(url) + "x".repeat(2000));
      // What the queue's work asks before starting: the server answers.
      if (url === "/login") return res.writeHead(200, { "Content-Type": "text/html" }).end("<html></html>");
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
    origine = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(radice, { recursive: true, force: true });
  });

  // Makes the whole demo edition's files (every page compressed twice): the slowest unit test, given room on a busy machine.
  it("ha ogni file, il suo SHA256SUMS li verifica tutti, e i file restano privati", { timeout: 240_000 }, async () => {
    const avanzamenti: number[] = [];
    const somme = await generaSito(p, { radice, origine, indirizzoApp: "https://bilancio.comune.example", faiPdf: async () => PDF, progresso: (f) => avanzamenti.push(f) });
    const cartella = path.join(radice, "2014-2016", "1");
    for (const pagina of pagineSito(p.dati, 1)) expect(existsSync(path.join(cartella, fileDiPagina(pagina.percorso))), pagina.percorso).toBe(true);
    expect(readFileSync(path.join(cartella, "dati.json"), "utf8")).toBe(p.datiJson);
    expect(sha(readFileSync(path.join(cartella, "dati.json")))).toBe(p.sha256);
    expect(readFileSync(path.join(cartella, "bilancio-sociale.pdf"))).toEqual(PDF);
    expect(readFileSync(path.join(cartella, "font", "t.woff2"))).toEqual(FONT);
    expect(readFileSync(path.join(cartella, "stile.css"), "utf8")).toContain("url(font/t.woff2)");
    const righe = readFileSync(path.join(cartella, "SHA256SUMS"), "utf8").trim().split("\n");
    expect(sha(readFileSync(path.join(cartella, "SHA256SUMS")))).toBe(somme);
    expect(righe.length).toBe(pagineSito(p.dati, 1).length + 6);
    for (const riga of righe) {
      const [impronta, nome] = riga.split("  ");
      expect(sha(readFileSync(path.join(cartella, nome))), nome).toBe(impronta);
    }
    expect(gunzipSync(readFileSync(path.join(cartella, "index.html.gz")))).toEqual(readFileSync(path.join(cartella, "index.html")));
    expect(readdirSync(path.join(radice, "2014-2016"))).toEqual(["1"]);
    expect(statSync(cartella).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(cartella, "dati.json")).mode & 0o777).toBe(0o600);
    expect(leggiOrigine(cartella)?.sha256).toBe(p.sha256);
    expect(avanzamenti.at(-1)).toBe(pagineSito(p.dati, 1).length + 5);
    // What the catalogue names as the PDF's checksum: the folder's own record, only for these bytes.
    expect(fileRegistrato(cartella, p.sha256, "bilancio-sociale.pdf")).toEqual({ sha256: sha(PDF), byteSize: PDF.length });
    expect(fileRegistrato(cartella, "0".repeat(64), "bilancio-sociale.pdf")).toBeNull();
  });

  it("lo ZIP è il sito con collegamenti relativi, nessuna richiesta esterna, e il suo SHA256SUMS verifica ogni file", () => {
    const zip = unzipSync(readFileSync(path.join(radice, "2014-2016", "1", "sito.zip")));
    const nomi = Object.keys(zip);
    const cartella = nomi[0].split("/")[0];
    expect(cartella).toBe("bilancio-sociale-2014-2016-revisione-1");
    const dentro = new Map(nomi.map((n) => [n.slice(cartella.length + 1), zip[n]]));
    const somme = Buffer.from(dentro.get("SHA256SUMS")!).toString("utf8").trim().split("\n");
    expect(somme.length).toBe(dentro.size - 1);
    for (const riga of somme) {
      const [impronta, nome] = riga.split("  ");
      expect(sha(dentro.get(nome)!), nome).toBe(impronta);
    }
    expect(somme).toContain(`${p.sha256}  dati.json`);
    for (const [nome, byte] of dentro) {
      if (!nome.endsWith(".html")) continue;
      const html = Buffer.from(byte).toString("utf8");
      expect(html, nome).not.toMatch(/<script/i);
      // Nothing is loaded from anywhere: links and forms may point to the app, resources may not.
      expect(html, nome).not.toMatch(/\s(?:href|src|action)="\/(?!\/)/);
      expect(html, nome).not.toMatch(/<(?:link|img|script|iframe)\b[^>]*(?:href|src)="(?:https?:)?\/\//i);
    }
  });

  it("serve i file: compressi se accettato, 304 con l'ETag, immutabili alla revisione, mai un file alterato", () => {
    dimenticaCartelle();
    const chiedi = (url: string, h: { acceptEncoding?: string; ifNoneMatch?: string } = {}) => rispostaSito({ metodo: "GET", url, ...h }, radice, false);
    const copertina = chiedi("/edizioni/2014-2016?x=1", { acceptEncoding: "gzip, deflate, br" })!;
    expect(copertina.status).toBe(200);
    expect(copertina.intestazioni["Content-Encoding"]).toBe("br");
    expect(copertina.intestazioni["Cache-Control"]).toContain("must-revalidate");
    expect(copertina.intestazioni["Content-Security-Policy"]).toContain("script-src 'self';");
    expect(copertina.intestazioni["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(chiedi("/edizioni/2014-2016", { acceptEncoding: "gzip" })!.intestazioni["Content-Encoding"]).toBe("gzip");
    expect(chiedi("/edizioni/2014-2016", { acceptEncoding: "br;q=0, gzip;q=0" })!.intestazioni["Content-Encoding"]).toBeUndefined();
    expect(chiedi("/edizioni/2014-2016", { acceptEncoding: "br", ifNoneMatch: copertina.intestazioni.ETag })!.status).toBe(304);
    // Another encoding is another representation: another ETag.
    expect(chiedi("/edizioni/2014-2016", { ifNoneMatch: copertina.intestazioni.ETag })!.status).toBe(200);
    const json = chiedi("/edizioni/2014-2016/revisioni/1/dati.json")!;
    expect(json.intestazioni["Cache-Control"]).toContain("immutable");
    expect(json.corpo!.toString("utf8")).toBe(p.datiJson);
    expect(chiedi("/edizioni/2014-2016/revisioni/1/stampa")).toBeNull();
    expect(chiedi("/edizioni/2014-2016/non-esiste")).toBeNull();
    expect(rispostaSito({ metodo: "POST", url: "/edizioni/2014-2016" }, radice, false)).toBeNull();
    // Addresses that match no folder are not remembered: random ones cannot grow the server's memory.
    const memoria = (globalThis as unknown as { __bilancioCartelle: { cartelle: Map<string, unknown>; ultime: Map<string, unknown> } }).__bilancioCartelle;
    const prima = memoria.cartelle.size + memoria.ultime.size;
    for (let i = 0; i < 200; i++) {
      expect(chiedi(`/edizioni/a-caso-${i}`)).toBeNull();
      expect(chiedi(`/edizioni/2014-2016/revisioni/${1000 + i}/dati.json`)).toBeNull();
    }
    expect(memoria.cartelle.size + memoria.ultime.size).toBe(prima);

    // Bytes changed on disk after the folder was made: never served, from then on.
    dimenticaCartelle();
    const csv = path.join(radice, "2014-2016", "1", "dati.csv");
    chmodSync(csv, 0o600);
    writeFileSync(csv, "alterato");
    expect(chiedi("/edizioni/2014-2016/dati.csv")).toBeNull();
    expect(chiedi("/edizioni/2014-2016")).toBeNull();
  });

  it("le codifiche accettate: brotli prima, q=0 è un rifiuto", () => {
    expect(codificaAccettata("gzip, deflate, br")).toBe("br");
    expect(codificaAccettata("gzip;q=1.0, br;q=0")).toBe("gzip");
    expect(codificaAccettata("identity")).toBeNull();
    expect(codificaAccettata(undefined)).toBeNull();
  });
  it("il lavoro della coda legge soltanto il database: ogni cambiamento di riga va al server, che lo scrive", { timeout: 240_000 }, async () => {
    // A read-only connection to a copy of the database: a write would throw (SQLITE_READONLY).
    const { db } = edizionePubblicata();
    // Queued as the publication's transaction queues it.
    const pubblicazioneId = db.$client.prepare("SELECT id FROM publications").pluck().get() as number;
    db.$client.prepare("INSERT INTO siti_pubblicati (publication_id) VALUES (?)").run(pubblicazioneId);
    const file = path.join(radice, "sola-lettura.sqlite");
    writeFileSync(file, db.$client.serialize());
    const solaLettura = drizzle(new Database(file, { readonly: true }), { schema }) as unknown as Db;
    const altra = mkdtempSync(path.join(os.tmpdir(), "sito-coda-"));
    const messaggi: AggiornamentoSito[] = [];
    try {
      await lavoraCoda(solaLettura, { radice: altra, origine, indirizzoApp: null, faiPdf: async () => PDF }, (m) => messaggi.push(m));
      expect(new Set(messaggi.map((m) => m.publicationId))).toEqual(new Set([pubblicazioneId]));
      expect(messaggi[0]).toEqual({ tipo: "sito", publicationId: pubblicazioneId, valori: { stato: "in_corso", fatti: 0, errore: null } });
      expect(messaggi.at(-1)?.valori).toMatchObject({ stato: "pronto", errore: null, sha256Somme: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(messaggi.some((m) => typeof m.valori.fatti === "number" && m.valori.fatti > 0)).toBe(true);
      expect(existsSync(path.join(altra, "2014-2016", "1", "SHA256SUMS"))).toBe(true);
      // The server writes what the work reports: the row ends "pronto".
      for (const m of messaggi) aggiornaRiga(db, m);
      expect(db.$client.prepare("SELECT stato FROM siti_pubblicati WHERE publication_id = ?").pluck().get(pubblicazioneId)).toBe("pronto");
    } finally {
      solaLettura.$client.close();
      rmSync(altra, { recursive: true, force: true });
    }
  });
});
