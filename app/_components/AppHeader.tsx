import Link from "next/link";
import { utenteCorrente } from "@/app/_server/session";
import { decidi } from "@/lib/policy";
import { getDb } from "@/db/client";
import { nomeEnte } from "@/lib/admin/queries";
import { ETICHETTE_RUOLO } from "@/lib/ruoli";
import { IntestazioneSito } from "./IntestazioneSito";
import { LogoutButton } from "./LogoutButton";
import { NotificheBell } from "./NotificheBell";

/** Bootstrap Italia header: the Comune, the user with their roles, and a link for each home they may use. */
export async function AppHeader() {
  const u = await utenteCorrente();
  const ente = nomeEnte(getDb());
  const voci = u
    ? [
        { href: "/coordinamento", label: "Coordinamento", ok: decidi(u.attore, "coordinamento.accedi").consentito },
        { href: "/revisione", label: "Da rivedere", ok: decidi(u.attore, "coordinamento.accedi").consentito },
        { href: "/settore", label: "Il mio settore", ok: decidi(u.attore, "settore.lavora").consentito },
        { href: "/edizione", label: "Edizioni", ok: decidi(u.attore, "edizioni.elenca").consentito },
        { href: "/amministrazione", label: "Amministrazione", ok: decidi(u.attore, "utenti.gestisci").consentito },
        { href: "/registro", label: "Registro", ok: decidi(u.attore, "audit.leggi").consentito },
        { href: "/ascolto", label: "Ascolto dei cittadini", ok: decidi(u.attore, "ascolto.leggi").consentito },
      ].filter((v) => v.ok)
    : [];
  return (
    <IntestazioneSito
      ente={ente}
      href="/"
      tagline="Rendersi conto per rendere conto"
      destra={
        u && (
          <>
            <NotificheBell userId={u.id} />
            <span className="text-white small">
              <Link href="/profilo" className="text-white" title="Il mio profilo e la password">{u.nome}</Link> · {u.ruoli.map((r) => ETICHETTE_RUOLO[r.ruolo] + (r.settoreNome ? ` (${r.settoreNome})` : "")).join(", ")}
            </span>
            <LogoutButton />
          </>
        )
      }
    >
      {voci.length > 0 && (
        <nav aria-label="Navigazione principale" className="bg-light border-bottom">
          <div className="container">
            <ul className="nav">
              {voci.map((v) => (
                <li key={v.href} className="nav-item">
                  <Link className="nav-link" href={v.href}>{v.label}</Link>
                </li>
              ))}
            </ul>
          </div>
        </nav>
      )}
    </IntestazioneSito>
  );
}
