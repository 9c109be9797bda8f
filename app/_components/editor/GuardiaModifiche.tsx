"use client";

/**
 * Leaving the editor waits for its saves: a link inside the app first completes every pending
 * save and is refused (with the blocks at fault listed here) while a value is invalid or in
 * conflict; closing or reloading the tab while a save is still pending asks the browser's
 * confirmation (an invalid or conflicting value waits in the browser's draft and comes back).
 */
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { ascoltaRifiuti, ciSonoModificheInSospeso, ciSonoSalvataggiInCorso, completaSalvataggi, descriviProblema, vaiAlProblema, type ProblemaBlocco } from "./salvataggi";

/** A link that may always be followed (the login after an expired session: the draft waits in the browser). */
export const ATTRIBUTO_LIBERO = "data-lascia-bozza";

export function GuardiaModifiche() {
  const router = useRouter();
  const [rifiuto, setRifiuto] = useState<{ messaggio: string; problemi: ProblemaBlocco[] } | null>(null);

  useEffect(() => ascoltaRifiuti((e) => setRifiuto(e.ok ? null : { messaggio: e.messaggio, problemi: e.problemi })), []);

  useEffect(() => {
    const primaDiChiudere = (e: BeforeUnloadEvent) => {
      if (!ciSonoSalvataggiInCorso()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    const clic = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>("a[href]") : null;
      if (!a || (a.target && a.target !== "_self") || a.hasAttribute("download") || a.hasAttribute(ATTRIBUTO_LIBERO)) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return; // leaves the app: the browser's confirmation applies
      if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) return; // a place in this page
      if (!ciSonoModificheInSospeso()) return;
      // Before Next's own link handler (on the React root, below the document in the capture order).
      e.preventDefault();
      e.stopPropagation();
      void completaSalvataggi("lasciare la pagina").then((r) => {
        if (r.ok) router.push(url.pathname + url.search + url.hash);
      });
    };
    window.addEventListener("beforeunload", primaDiChiudere);
    document.addEventListener("click", clic, true);
    return () => {
      window.removeEventListener("beforeunload", primaDiChiudere);
      document.removeEventListener("click", clic, true);
    };
  }, [router]);

  if (!rifiuto) return null;
  return <ElencoProblemi messaggio={rifiuto.messaggio} problemi={rifiuto.problemi} />;
}

/** A refusal: what could not be done, and each block at fault as a link that takes the focus there. */
export function ElencoProblemi({ messaggio, problemi }: { messaggio: string; problemi: ProblemaBlocco[] }) {
  return (
    <div className="alert alert-danger" role="alert" data-testid="modifiche-da-completare">
      <p className="mb-1">{messaggio}</p>
      <ul className="mb-0">
        {problemi.map((p) => (
          <li key={p.blockId}>
            <a
              href={`#${p.elementoId}`}
              onClick={(e) => {
                e.preventDefault();
                vaiAlProblema(p);
              }}
            >
              {descriviProblema(p)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
