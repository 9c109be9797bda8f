/**
 * The mail as the e2e server sends it: without SMTP_URL each message is an .eml
 * file in data/mail (next to data/e2e.sqlite). Tests read links from there, as a
 * person would from their inbox, never from the database.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const CARTELLA_POSTA = path.resolve("data/mail");

/** A quoted-printable body as text (soft line breaks joined, =XX bytes decoded as UTF-8). */
function decodificaQp(s: string): string {
  const testo = s.replace(/=\r?\n/g, "");
  const byte: number[] = [];
  for (let i = 0; i < testo.length; i++) {
    const m = /^=([0-9A-F]{2})/.exec(testo.slice(i, i + 3));
    if (m) {
      byte.push(parseInt(m[1], 16));
      i += 2;
    } else byte.push(...Buffer.from(testo[i], "utf8"));
  }
  return Buffer.from(byte).toString("utf8");
}

/** The decoded bodies of the mails to `email` in `cartella`, newest first (none while the folder is missing). */
function* corpiPer(email: string, cartella: string): Generator<string> {
  let file: string[];
  try {
    file = readdirSync(cartella).filter((f) => f.endsWith(".eml")).sort().reverse();
  } catch {
    return;
  }
  const destinatario = new RegExp(`^To: (?:.*<)?${email.replace(/[.+]/g, "\\$&")}>?\\s*$`, "mi");
  for (const f of file) {
    const eml = readFileSync(path.join(cartella, f), "utf8");
    const fine = eml.search(/\r?\n\r?\n/);
    if (destinatario.test(eml.slice(0, fine).replace(/\r?\n[ \t]+/g, " "))) yield decodificaQp(eml.slice(fine));
  }
}

/**
 * The path (e.g. "/reimposta/abc…") of the `tipo` link in the newest mail to
 * `email`, or null while the worker has not written it yet. `cartella` is the
 * server's MAIL_DIR (default: the demo server's data/mail).
 */
export function ultimoLink(email: string, tipo: "invito" | "reimposta" | "conferma-email", cartella: string = CARTELLA_POSTA): string | null {
  const link = new RegExp(`https?://[^/\\s]+(/${tipo}/[A-Za-z0-9_-]{43})\\b`);
  for (const corpo of corpiPer(email, cartella)) {
    const m = link.exec(corpo);
    if (m) return m[1];
  }
  return null;
}

/**
 * The path of the app link ("Apri: …/sezioni/12") in the newest notification to `email`
 * whose text contains `testo`, or null while the worker has not written it yet.
 */
export function linkDellaNotifica(email: string, testo: string, cartella: string = CARTELLA_POSTA): string | null {
  for (const corpo of corpiPer(email, cartella)) {
    if (!corpo.includes(testo)) continue;
    const m = /Apri: https?:\/\/[^/\s]+(\/\S*)/.exec(corpo);
    if (m) return m[1];
  }
  return null;
}
