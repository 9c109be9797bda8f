/**
 * The rating form as the server sees it: the fields a browser posts (plain HTML, no
 * JavaScript), their validation, and the two defences that need no account nor cookie:
 *
 * - a honeypot: a field people never see nor reach, which form-filling robots fill in;
 * - a minimum fill time: the form carries the moment it was made, signed with an HMAC
 *   of the app's secret (`gettone`), so a robot can neither forge a time nor reuse a
 *   token on another page. A public page is rendered once and served from a cache or
 *   as a static file, so that moment is when the page was made, not when it was
 *   opened: the check then only says "made at least a few seconds ago by this app".
 *   There is no maximum age, for the same reason.
 *
 * When the form must be shown again (a field to correct, sent too fast), what the
 * citizen typed travels in the redirect's address sealed with AES-GCM (`sigilla`):
 * it never shows in logs or history in clear, email included.
 */
import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "../zod-it";
import type { ErroreCampo } from "../servizio";
import { MAX_COMMENTO, MAX_EMAIL, motivoValido, type CodiceMotivo, type Voto } from "./domande";

/** Less than this between the page being made and the form arriving: a robot, or a very quick hand. */
export const TEMPO_MINIMO_MS = 3_000;

/** Name of the honeypot field: something a robot filling "every field" will not skip. */
export const CAMPO_TRAPPOLA = "sito_web";

/** The largest body the route reads (a full comment and email, percent-encoded, fit well below). */
export const MAX_BYTE_INVIO = 16 * 1024;

const chiave = (segreto: string, uso: string) => createHmac("sha256", segreto).update(`bilancio-sociale/ascolto/${uso}`).digest();

export interface PaginaModulo {
  /** The edition's public slug. */
  slug: string;
  revisione: number;
  /** "" for the cover, "<parte>", "<parte>/<pagina>". */
  percorso: string;
}

const firmaDi = (segreto: string, p: PaginaModulo, t: number) =>
  createHmac("sha256", chiave(segreto, "gettone")).update(`${p.slug}\n${p.revisione}\n${p.percorso}\n${t}`).digest("base64url");

/** The hidden token of a form made at `adesso` for this page. */
export function creaGettone(segreto: string, p: PaginaModulo, adesso: number = Date.now()): string {
  return `${adesso}.${firmaDi(segreto, p, adesso)}`;
}

export type VerificaGettone = { ok: true; etaMs: number } | { ok: false; motivo: "falso" | "presto" };

export function verificaGettone(segreto: string, gettone: string, p: PaginaModulo, adesso: number = Date.now(), minimoMs = TEMPO_MINIMO_MS): VerificaGettone {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(gettone);
  if (!m) return { ok: false, motivo: "falso" };
  const t = Number(m[1]);
  const atteso = Buffer.from(firmaDi(segreto, p, t));
  const dato = Buffer.from(m[2]);
  if (atteso.length !== dato.length || !timingSafeEqual(atteso, dato)) return { ok: false, motivo: "falso" };
  const eta = adesso - t;
  // A time in the future is as early as it gets (a clock set back): refused like a quick robot.
  if (eta < minimoMs) return { ok: false, motivo: "presto" };
  return { ok: true, etaMs: eta };
}

// ---- Sealing what the citizen typed into a redirect's address

const DURATA_SIGILLO_MS = 60 * 60_000;

/** AES-256-GCM with a key of its own derived from the app's secret; expires after an hour. */
export function sigilla(segreto: string, valore: unknown, adesso: number = Date.now()): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", chiave(segreto, "sigillo"), iv);
  const testo = Buffer.concat([c.update(JSON.stringify({ s: adesso + DURATA_SIGILLO_MS, v: valore }), "utf8"), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), testo]).toString("base64url");
}

/** What `sigilla` sealed, or null if it was altered, made with another secret or expired. */
export function apriSigillo(segreto: string, sigillo: string, adesso: number = Date.now()): unknown {
  if (sigillo.length > 12_000 || !/^[A-Za-z0-9_-]+$/.test(sigillo)) return null;
  const b = Buffer.from(sigillo, "base64url");
  if (b.length < 29) return null;
  try {
    const d = createDecipheriv("aes-256-gcm", chiave(segreto, "sigillo"), b.subarray(0, 12));
    d.setAuthTag(b.subarray(12, 28));
    const o = JSON.parse(Buffer.concat([d.update(b.subarray(28)), d.final()]).toString("utf8")) as { s?: unknown; v?: unknown };
    return typeof o.s === "number" && o.s >= adesso ? (o.v ?? null) : null;
  } catch {
    return null;
  }
}

// ---- The fields

/** Line ends as the textarea counts them (a browser posts CRLF), no control characters but tab and newline. */
export function pulisciTesto(s: string): string {
  return s.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "").trim();
}

const testo = (max: number) => z.string().max(max * 4).transform(pulisciTesto);

/** What arrives from the form, every value a string (URL-encoded body). */
export const invioSchema = z
  .object({
    edizione: z.string().trim().min(1).max(100),
    revisione: z.string().regex(/^\d{1,6}$/).transform(Number),
    pagina: z.string().max(300).default(""),
    gettone: z.string().max(200).default(""),
    voto: z.enum(["1", "2", "3", "4", "5"], { message: "Scegli quante stelle dare, da 1 a 5." }).transform((v) => Number(v) as Voto),
    motivo: z.string().max(40).optional(),
    commento: testo(MAX_COMMENTO).optional(),
    contatto: z.string().max(10).optional(),
    email: z.string().max(MAX_EMAIL * 2).trim().optional(),
    [CAMPO_TRAPPOLA]: z.string().max(2000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.commento && v.commento.length > MAX_COMMENTO) {
      ctx.addIssue({ code: "custom", path: ["commento"], message: `Il commento può avere al massimo ${MAX_COMMENTO} caratteri (ne ha ${v.commento.length}).` });
    }
    if (v.contatto) {
      if (!v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Scrivi l'email a cui ricontattarti, o togli la spunta." });
      else if (v.email.length > MAX_EMAIL || !z.email().safeParse(v.email).success) {
        ctx.addIssue({ code: "custom", path: ["email"], message: "Scrivi un indirizzo email valido, ad esempio nome@esempio.it." });
      }
    }
  });

export interface Valutazione {
  slug: string;
  revisione: number;
  percorso: string;
  gettone: string;
  voto: Voto;
  /** Kept only when it belongs to the rating's list. */
  motivo: CodiceMotivo | null;
  commento: string | null;
  /** Kept only when the citizen ticked "Vorrei essere ricontattato". */
  email: string | null;
  /** The honeypot was filled in. */
  trappola: boolean;
}

export type LetturaInvio = { ok: true; valutazione: Valutazione } | { ok: false; errori: ErroreCampo[]; pagina: Partial<PaginaModulo> };

/** The posted fields, checked and reduced to what may be stored. */
export function leggiInvio(campi: Record<string, string>): LetturaInvio {
  const r = invioSchema.safeParse(campi);
  if (!r.success) {
    const errori = r.error.issues.map((i) => ({ campo: i.path.map(String).join("."), messaggio: i.message }));
    const rev = Number(campi.revisione);
    return {
      ok: false,
      errori,
      pagina: { slug: typeof campi.edizione === "string" ? campi.edizione.slice(0, 100) : undefined, revisione: Number.isInteger(rev) && rev > 0 ? rev : undefined, percorso: typeof campi.pagina === "string" ? campi.pagina.slice(0, 300) : undefined },
    };
  }
  const v = r.data;
  return {
    ok: true,
    valutazione: {
      slug: v.edizione,
      revisione: v.revisione,
      percorso: v.pagina,
      gettone: v.gettone,
      voto: v.voto,
      motivo: motivoValido(v.voto, v.motivo) ? v.motivo : null,
      commento: v.commento || null,
      email: v.contatto && v.email ? v.email.toLowerCase() : null,
      trappola: !!v[CAMPO_TRAPPOLA]?.trim(),
    },
  };
}

/** The body of a form post (application/x-www-form-urlencoded) as fields; the first value of a repeated name wins. */
export function campiDaCorpo(corpo: string): Record<string, string> {
  // No prototype: a field named "__proto__" is just a field.
  const o: Record<string, string> = Object.create(null);
  const p = new URLSearchParams(corpo);
  let n = 0;
  for (const [k, v] of p) {
    if (++n > 50) break;
    if (!(k in o)) o[k] = v;
  }
  return o;
}

// ---- A refused form, carried sealed to the page that shows it again

/** What the form page needs to show a refused form again: the reason and what was typed. */
export const respintaSchema = z.object({
  revisione: z.number().int().min(1),
  percorso: z.string().max(300),
  /** The original token, kept unless it was forged; null: the page makes a new one. */
  gettone: z.string().max(200).nullable(),
  tipo: z.enum(["non_valido", "troppo_presto", "troppi_invii", "non_trovato"]),
  messaggio: z.string().max(500),
  errori: z.record(z.string().max(60), z.string().max(500)),
  valori: z.object({
    voto: z.number().int().min(1).max(5).optional(),
    motivo: z.string().max(40).nullable(),
    commento: z.string().max(2000).nullable(),
    contatto: z.boolean(),
    email: z.string().max(300).nullable(),
  }),
});
export type Respinta = z.infer<typeof respintaSchema>;

/** The sealed refusal of an address, or null when it cannot be opened or has not that shape. */
export function apriRespinta(segreto: string, sigillo: string, adesso: number = Date.now()): Respinta | null {
  const r = respintaSchema.safeParse(apriSigillo(segreto, sigillo, adesso));
  return r.success ? r.data : null;
}
