import type { Metadata } from "next";
import Link from "next/link";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { decidi } from "@/lib/policy";
import { ImportaUtentiForm } from "./ImportaUtentiForm";

export const metadata: Metadata = { title: "Importa utenti" };

export default async function ImportaUtenti() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "utenti.gestisci"));
  return (
    <>
      <p><Link href="/amministrazione">← Amministrazione</Link></p>
      <h1 className="h2">Importa utenti da un file</h1>
      <p>
        Carica un foglio CSV o Excel con le colonne <strong>nome</strong>, <strong>email</strong>, <strong>ruolo</strong> (amministratore, coordinatore,
        referente, assessore o lettore) e <strong>codice settore</strong> (solo per i referenti; i codici sono nella pagina dei{" "}
        <Link href="/amministrazione/settori">settori</Link>). Vedrai chi sarà creato e ogni riga con errori prima di confermare; poi ogni persona riceve il suo invito.
      </p>
      <ImportaUtentiForm />
    </>
  );
}
