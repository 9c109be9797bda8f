import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { memoryDb } from "../../db/memory";
import { mailOutbox } from "../../db/schema";
import { inviaCoda, MAX_TENTATIVI, prossimoTentativo } from "./outbox";
import { creaTrasporto, type Messaggio, type Trasporto } from "./transport";

const T0 = new Date("2026-11-25T10:00:00.000Z");
const minuti = (n: number) => new Date(T0.getTime() + n * 60_000);

function conCoda(n = 1) {
  const db = memoryDb();
  for (let i = 1; i <= n; i++) {
    db.insert(mailOutbox).values({ destinatario: `u${i}@x.it`, oggetto: `[Bilancio Sociale] Avviso ${i}`, corpo: `Testo ${i}`, createdAt: T0.toISOString() }).run();
  }
  const riga = (id = 1) => db.select().from(mailOutbox).where(eq(mailOutbox.id, id)).get()!;
  return { db, riga };
}

function trasportoFinto(fallisce: () => boolean = () => false) {
  const inviati: Messaggio[] = [];
  const t: Trasporto = {
    descrizione: "finto",
    async invia(m) {
      if (fallisce()) throw new Error("connect ECONNREFUSED 127.0.0.1:587");
      inviati.push(m);
    },
  };
  return { t, inviati };
}

describe("inviaCoda", () => {
  it("invia e segna come inviata", async () => {
    const { db, riga } = conCoda();
    const { t, inviati } = trasportoFinto();
    expect(await inviaCoda(db, t, { adesso: T0 })).toEqual({ inviate: 1, fallite: 0 });
    expect(inviati).toEqual([{ a: "u1@x.it", oggetto: "[Bilancio Sociale] Avviso 1", testo: "Testo 1", rif: 1 }]);
    expect(riga()).toMatchObject({ inviataIl: T0.toISOString(), tentativi: 1, ultimoErrore: null });
    // Sent once only.
    expect(await inviaCoda(db, t, { adesso: minuti(60) })).toEqual({ inviate: 0, fallite: 0 });
  });

  it("un trasporto che fallisce lascia la riga in coda con l'errore, e la riprova più tardi", async () => {
    const { db, riga } = conCoda();
    let giu = true;
    const { t, inviati } = trasportoFinto(() => giu);
    expect(await inviaCoda(db, t, { adesso: T0 })).toEqual({ inviate: 0, fallite: 1 });
    expect(riga()).toMatchObject({ inviataIl: null, tentativi: 1 });
    expect(riga().ultimoErrore).toBe(`[${T0.toISOString()}] connect ECONNREFUSED 127.0.0.1:587`);

    // Backoff: 2^1 = 2 minutes after the attempt.
    expect(prossimoTentativo(riga()).toISOString()).toBe(minuti(2).toISOString());
    expect(await inviaCoda(db, t, { adesso: minuti(1) })).toEqual({ inviate: 0, fallite: 0 });
    expect(await inviaCoda(db, t, { adesso: minuti(2) })).toEqual({ inviate: 0, fallite: 1 });
    expect(riga().tentativi).toBe(2);
    // Then 2^2 = 4 minutes after the second attempt.
    expect(await inviaCoda(db, t, { adesso: minuti(5) })).toEqual({ inviate: 0, fallite: 0 });

    giu = false;
    expect(await inviaCoda(db, t, { adesso: minuti(6) })).toEqual({ inviate: 1, fallite: 0 });
    expect(riga()).toMatchObject({ tentativi: 3, ultimoErrore: null, inviataIl: minuti(6).toISOString() });
    expect(inviati).toHaveLength(1);
  });

  it("dopo il numero massimo di tentativi la riga resta in tabella, non inviata, con il suo errore", async () => {
    const { db, riga } = conCoda();
    const { t } = trasportoFinto(() => true);
    for (let i = 0; i < 20; i++) await inviaCoda(db, t, { adesso: minuti(i * 300) });
    expect(riga()).toMatchObject({ tentativi: MAX_TENTATIVI, inviataIl: null });
    expect(riga().ultimoErrore).toContain("ECONNREFUSED");
  });

  it("rispetta il limite, invia le più vecchie per prime e si ferma se il server non risponde", async () => {
    const { db } = conCoda(6);
    const ok = trasportoFinto();
    expect(await inviaCoda(db, ok.t, { adesso: T0, limite: 2 })).toEqual({ inviate: 2, fallite: 0 });
    expect(ok.inviati.map((m) => m.a)).toEqual(["u1@x.it", "u2@x.it"]);

    const giu = trasportoFinto(() => true);
    // Three failures in a row: the pass stops, the fourth row is not touched.
    expect(await inviaCoda(db, giu.t, { adesso: T0 })).toEqual({ inviate: 0, fallite: 3 });
    expect(db.select().from(mailOutbox).all().map((r) => r.tentativi)).toEqual([1, 1, 1, 1, 1, 0]);
  });

  it("due passaggi contemporanei non inviano la stessa riga due volte", async () => {
    const { db } = conCoda(3);
    const inviati: string[] = [];
    const lento: Trasporto = {
      descrizione: "lento",
      async invia(m) {
        await new Promise((r) => setTimeout(r, 5));
        inviati.push(m.a);
      },
    };
    const [a, b] = await Promise.all([inviaCoda(db, lento, { adesso: T0 }), inviaCoda(db, lento, { adesso: T0 })]);
    expect(a.inviate + b.inviate).toBe(3);
    expect(inviati.sort()).toEqual(["u1@x.it", "u2@x.it", "u3@x.it"]);
  });
});

/** Decodes the RFC 2047 encoded words of an unfolded header. */
function decodificaIntestazione(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _cs: string, enc: string, dati: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(dati, "base64").toString("utf8")
        : Buffer.from(dati.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"),
    );
}

describe("trasporto su file", () => {
  let cartella: string | null = null;
  afterEach(() => {
    if (cartella) rmSync(cartella, { recursive: true, force: true });
    cartella = null;
  });

  it("scrive un .eml leggibile con l'oggetto in italiano", async () => {
    cartella = mkdtempSync(path.join(tmpdir(), "bilancio-mail-"));
    const t = creaTrasporto({ smtpUrl: "", cartella, mittente: "Bilancio Sociale <noreply@comune.example>" });
    expect(t.descrizione).toBe(`file ${cartella}`);
    const { db, riga } = conCoda(0);
    const oggetto = "[Bilancio Sociale] Scadenza il 31/12/2026: «Attività culturali e qualità della città»";
    db.insert(mailOutbox).values({ destinatario: "referente@comune.example", oggetto, corpo: "La sezione è ancora in bozza.\n\nApri: /sezioni/7" }).run();
    expect(await inviaCoda(db, t)).toEqual({ inviate: 1, fallite: 0 });
    expect(riga().inviataIl).not.toBeNull();

    const file = readdirSync(cartella);
    expect(file).toHaveLength(1);
    expect(file[0]).toMatch(/^\d{4}-\d{2}-\d{2}T[\d-]+Z-1\.eml$/);
    const eml = readFileSync(path.join(cartella, file[0]), "utf8");
    const fine = eml.search(/\r?\n\r?\n/);
    const intestazioni = eml.slice(0, fine);
    const corpo = eml.slice(fine);
    const srotolate = intestazioni.replace(/\r?\n[ \t]+/g, " ");
    const subject = /^Subject: (.*)$/m.exec(srotolate)?.[1] ?? "";
    expect(decodificaIntestazione(subject)).toBe(oggetto);
    expect(srotolate).toMatch(/^To: referente@comune\.example$/m);
    expect(srotolate).toMatch(/^From: Bilancio Sociale <noreply@comune\.example>$/m);
    expect(srotolate).toMatch(/charset=utf-8/i);
    expect(corpo).toContain("Apri: /sezioni/7");
    expect(corpo).toContain("La sezione =C3=A8 ancora in bozza."); // quoted-printable UTF-8
  });
});
