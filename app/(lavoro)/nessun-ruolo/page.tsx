import { richiediUtente } from "@/app/_server/session";

export default async function NessunRuolo() {
  const u = await richiediUtente();
  return (
    <div>
      <h1 className="h2">Nessun ruolo assegnato</h1>
      <p>{u.nome}, il tuo account è attivo ma non ha ancora un ruolo. Chiedi all&apos;amministratore di assegnartene uno.</p>
    </div>
  );
}
