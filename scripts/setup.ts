/**
 * npm run setup — first start without the demo, on an empty database:
 * the Ente's name, the first amministratore (name, email) and the public
 * address, asked one by one or given as flags / environment variables:
 *
 *   npm run setup -- --ente "Comune di Cremona" --nome "Anna Rossi" \
 *     --email anna.rossi@comune.cremona.it --url https://bilancio.comune.cremona.it
 *   (or SETUP_ENTE, SETUP_NOME, SETUP_EMAIL, NEXTAUTH_URL)
 *
 * Prints a one-time invitation link: the amministratore opens it and chooses
 * their password in the browser. The logic is lib/admin/setup.ts.
 */
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { applyMigrations, databasePath, openDatabase } from "../db/open";
import { configuraPrimoAvvio, databaseVuoto, MESSAGGIO_GIA_CONFIGURATO } from "../lib/admin/setup";
import { authSecret } from "../lib/auth/secret";
import { fileIndirizzoPubblico, indirizzoPubblico, salvaIndirizzoPubblico } from "../lib/mail/link";

async function main() {
  const { values } = parseArgs({
    options: { ente: { type: "string" }, nome: { type: "string" }, email: { type: "string" }, url: { type: "string" } },
    allowPositionals: false,
  });
  const db = openDatabase();
  applyMigrations(db);
  authSecret();
  if (!databaseVuoto(db)) {
    console.error(`${MESSAGGIO_GIA_CONFIGURATO}\n(database: ${databasePath()})`);
    process.exit(1);
  }

  const dati = {
    ente: values.ente ?? process.env.SETUP_ENTE,
    nome: values.nome ?? process.env.SETUP_NOME,
    email: values.email ?? process.env.SETUP_EMAIL,
    url: values.url ?? process.env.NEXTAUTH_URL,
  };
  const mancanti = (["ente", "nome", "email", "url"] as const).filter((k) => !dati[k]);
  if (mancanti.length > 0) {
    if (!process.stdin.isTTY && !process.env.SETUP_INTERATTIVO) {
      console.error(`Mancano: ${mancanti.map((k) => `--${k}`).join(", ")} (oppure avvia npm run setup in un terminale per rispondere alle domande).`);
      process.exit(1);
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const domande = {
      ente: "Nome dell'ente (per esempio «Comune di Cremona»): ",
      nome: "Nome e cognome del primo amministratore: ",
      email: "Email del primo amministratore: ",
      url: `Indirizzo pubblico dell'applicazione [${indirizzoPubblico()}]: `,
    };
    for (const k of mancanti) dati[k] = (await rl.question(domande[k])).trim() || (k === "url" ? indirizzoPubblico() : "");
    rl.close();
  }

  const esito = configuraPrimoAvvio(db, { ente: dati.ente ?? "", nome: dati.nome ?? "", email: dati.email ?? "", url: dati.url || undefined });
  db.$client.close();
  if (!esito.ok) {
    if (esito.tipo === "non_valido") for (const e of esito.errori) console.error(`--${e.campo}: ${e.messaggio}`);
    else console.error(esito.messaggio);
    process.exit(1);
  }
  if (esito.indirizzo) salvaIndirizzoPubblico(esito.indirizzo);

  console.log(`\nEnte configurato: ${dati.ente}`);
  console.log(`Amministratore: ${dati.nome} <${dati.email}>`);
  if (esito.indirizzo) {
    console.log(`Indirizzo pubblico salvato in ${fileIndirizzoPubblico()} (i link nelle email useranno ${esito.indirizzo};`);
    console.log("NEXTAUTH_URL, se impostata nell'ambiente del server, ha la precedenza).");
  }
  console.log("\nAvvia il server (npm run build && npm start) e apri questo link per scegliere la password dell'amministratore.");
  console.log(`Vale una sola volta, scade il ${new Date(esito.scadeIl).toLocaleString("it-IT", { timeZone: "Europe/Rome" })}; è anche nella posta in uscita:\n`);
  console.log(`  ${esito.link}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
