import Link from "next/link";
import { utenteCorrente } from "@/app/_server/session";
import { decidi } from "@/lib/policy";
import { getDb } from "@/db/client";
import { ente } from "@/db/schema";
import { IntestazioneSito } from "./IntestazioneSito";
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
  const nomeEnte = getDb().select({ nome: ente.nome }).from(ente).get()?.nome ?? "Il Comune";
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
    <IntestazioneSito
      ente={nomeEnte}
      href="/"
      tagline="Rendersi conto per rendere conto"
      destra={
        u && (
          <>
            <NotificationBell userId={u.id} />
            <span className="text-white small">
              {u.nome} · {u.ruoli.map((r) => ETICHETTE_RUOLO[r.ruolo] + (r.settoreNome ? ` (${r.settoreNome})` : "")).join(", ")}
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
