/**
 * How mail leaves the application. With SMTP_URL set, through that SMTP server;
 * without it, each message is written as an .eml file into MAIL_DIR (default:
 * the folder "mail" next to the database), so a demo or a test installation
 * never needs a mail server and every message can still be opened and read.
 */
import { randomBytes } from "node:crypto";
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { databasePath } from "../../db/open";
import { cartellaPrivata, MODO_FILE } from "../file-privati";

export const MITTENTE_PREDEFINITO = "Bilancio Sociale <noreply@comune.example>";

export interface Messaggio {
  a: string;
  oggetto: string;
  testo: string;
  /** A reference for the file name (the outbox row id); only the file transport uses it. */
  rif?: string | number;
}

export interface Trasporto {
  /** For the logs: "SMTP host:port" or "file /path/to/mail". Never contains a password. */
  descrizione: string;
  /** Resolves when the message has been accepted; rejects with the reason otherwise. */
  invia(m: Messaggio): Promise<void>;
}

export interface OpzioniTrasporto {
  smtpUrl?: string;
  cartella?: string;
  mittente?: string;
}

/** The folder of the file transport: MAIL_DIR, or "mail" next to the database. */
export function cartellaPosta(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.MAIL_DIR || path.join(path.dirname(databasePath()), "mail"));
}

export function creaTrasporto(opzioni: OpzioniTrasporto = {}): Trasporto {
  const smtpUrl = opzioni.smtpUrl ?? (process.env.SMTP_URL || undefined);
  const mittente = opzioni.mittente ?? (process.env.MAIL_FROM || MITTENTE_PREDEFINITO);
  return smtpUrl ? trasportoSmtp(smtpUrl, mittente) : trasportoFile(opzioni.cartella ?? cartellaPosta(), mittente);
}

function trasportoSmtp(url: string, mittente: string): Trasporto {
  const t = nodemailer.createTransport({
    url,
    // A mail server that does not answer must not hold the worker for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  let dove = "SMTP";
  try {
    const u = new URL(url);
    dove = `SMTP ${u.hostname}${u.port ? `:${u.port}` : ""}`;
  } catch {
    // nodemailer reports a malformed URL when sending.
  }
  return {
    descrizione: dove,
    async invia(m) {
      await t.sendMail({ from: mittente, to: m.a, subject: m.oggetto, text: m.testo });
    },
  };
}

function trasportoFile(cartella: string, mittente: string): Trasporto {
  const t = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    descrizione: `file ${cartella}`,
    async invia(m) {
      const info = await t.sendMail({ from: mittente, to: m.a, subject: m.oggetto, text: m.testo });
      const contenuto = info.message;
      if (!Buffer.isBuffer(contenuto)) throw new Error("Il trasporto su file non ha prodotto il messaggio.");
      // Messages name people and carry links: 0600 files in a 0700 folder (lib/file-privati.ts).
      cartellaPrivata(cartella, { esclusiva: true });
      const quando = new Date().toISOString().replace(/[:.]/g, "-");
      const id = String(m.rif ?? randomBytes(4).toString("hex")).replace(/[^A-Za-z0-9_-]/g, "_");
      const file = path.join(cartella, `${quando}-${id}.eml`);
      // Written under a temporary name and renamed: a reader never sees half a message.
      writeFileSync(`${file}.tmp`, contenuto, { mode: MODO_FILE });
      renameSync(`${file}.tmp`, file);
    },
  };
}
