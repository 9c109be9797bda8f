import Link from "next/link";
import { utenteCorrente } from "@/app/_server/session";
import { decidi } from "@/lib/policy";
import { LogoutButton } from "./LogoutButton";
import { NotificationBell } from "./NotificationBell";

const ETICHETTE_RUOLO = {
  amministratore: "Amministratore",
  coordinatore: "Coordinatore",
  referente: "Referente di settore",
  assessore: "Assessore",
  lettore: "Lettore",
} as const;

/** Bootstrap Italia header: the Comune, the user with their roles, and a link for each home they may use. */
export async function AppHeader() {
  const u = await utenteCorrente();
  const voci = u
    ? [
        { href: "/coordinamento", label: "Coordinamento", ok: decidi(u.attore, "coordinamento.accedi").consentito },
        { href: "/revisione", label: "Da rivedere", ok: decidi(u.attore, "coordinamento.accedi").consentito },
        { href: "/settore", label: "Il mio settore", ok: decidi(u.attore, "settore.lavora").consentito },
        { href: "/edizione", label: "Edizioni", ok: decidi(u.attore, "edizione.leggi", { stato: "in_preparazione" }).consentito },
        { href: "/amministrazione", label: "Amministrazione", ok: decidi(u.attore, "utenti.gestisci").consentito },
        { href: "/registro", label: "Registro", ok: decidi(u.attore, "audit.leggi").consentito },
      ].filter((v) => v.ok)
    : [];
  return (
    <header className="it-header-wrapper">
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="it-header-slim-wrapper-content">
            <span className="d-lg-block navbar-brand">Comune di Cremona</span>
            {u && (
              <div className="it-header-slim-right-zone gap-3">
                <NotificationBell userId={u.id} />
                <span className="text-white small">
                  {u.nome} · {u.ruoli.map((r) => ETICHETTE_RUOLO[r.ruolo] + (r.settoreNome ? ` (${r.settoreNome})` : "")).join(", ")}
                </span>
                <LogoutButton />
              </div>
            )}
          </div>
        </div>
      </div>
      <div className="it-header-center-wrapper">
        <div className="container">
          <div className="it-header-center-content-wrapper">
            <div className="it-brand-wrapper">
              <Link href="/">
                <div className="it-brand-text">
                  <div className="it-brand-title">Bilancio Sociale</div>
                  <div className="it-brand-tagline d-none d-md-block">Rendersi conto per rendere conto</div>
                </div>
              </Link>
            </div>
          </div>
        </div>
      </div>
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
    </header>
  );
}
