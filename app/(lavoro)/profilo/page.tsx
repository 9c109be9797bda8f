import type { Metadata } from "next";
import { CambiaEmailForm } from "@/app/_components/account/CambiaEmailForm";
import { CambiaPasswordForm } from "@/app/_components/account/CambiaPasswordForm";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SPIEGAZIONE_PASSWORD } from "@/lib/auth/password-policy";
import { INATTIVITA_MINUTI, DURATA_MASSIMA_ORE } from "@/lib/auth/sessioni";
import { decidi } from "@/lib/policy";
import { ETICHETTE_RUOLO } from "@/lib/ruoli";

export const metadata: Metadata = { title: "Il mio profilo" };

/** Who I am, my roles, my password and my email. */
export default async function ProfiloPage() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "profilo.modifica"));
  return (
    <div className="row">
      <div className="col-lg-8">
        <h1 className="h2 mb-4">Il mio profilo</h1>
        <dl className="row">
          <dt className="col-sm-3">Nome</dt>
          <dd className="col-sm-9">{u.nome}</dd>
          <dt className="col-sm-3">Email</dt>
          <dd className="col-sm-9">{u.email}</dd>
          <dt className="col-sm-3">Ruoli</dt>
          <dd className="col-sm-9">
            {u.ruoli.length === 0 ? "Nessuno" : u.ruoli.map((r) => ETICHETTE_RUOLO[r.ruolo] + (r.settoreNome ? ` (${r.settoreNome})` : "")).join(", ")}
          </dd>
        </dl>
        <p className="small text-muted">
          Nome e ruoli li cambia un amministratore (mai il tuo account da solo, nemmeno se sei amministratore). Per sicurezza la sessione si chiude dopo{" "}
          {INATTIVITA_MINUTI} minuti senza attività e comunque dopo {DURATA_MASSIMA_ORE} ore.
        </p>
        <h2 className="h4 mt-4 mb-3">Cambia la password</h2>
        <CambiaPasswordForm email={u.email} spiegazione={SPIEGAZIONE_PASSWORD} />
        <h2 className="h4 mt-5 mb-3">Cambia l&apos;email</h2>
        <p>
          Ti scriveremo al nuovo indirizzo un collegamento per confermarlo; all&apos;indirizzo attuale arriverà un avviso. L&apos;indirizzo cambia solo quando apri il
          collegamento: da quel momento accedi con il nuovo e ogni sessione aperta si chiude.
        </p>
        <CambiaEmailForm />
      </div>
    </div>
  );
}
