"use client";

/**
 * "Pubblicata": what the coordinatore reads on the public page they land on after
 * publishing. The publish form leaves a note in this tab's sessionStorage (the public
 * address it goes to, the working page it comes from); the public site's layout shows
 * it once, on that address, and forgets it. Nothing of it is in the server's HTML: the
 * public pages stay the same for everyone and cacheable, and the published files (pages
 * without scripts) never carry it.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

const CHIAVE = "bilancio-sociale:pubblicata";

type Nota = { percorso: string; da: string };

/** Called by the publish form just before it goes to the public page `percorso`. */
export function segnaPubblicata(percorso: string): void {
  try {
    sessionStorage.setItem(CHIAVE, JSON.stringify({ percorso, da: window.location.pathname } satisfies Nota));
  } catch {
    // No storage (private mode, disabled): the public page simply opens without the message.
  }
}

function leggiNota(): Nota | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(CHIAVE) ?? "null") as Partial<Nota> | null;
    return v && typeof v.percorso === "string" && typeof v.da === "string" ? { percorso: v.percorso, da: v.da } : null;
  } catch {
    return null;
  }
}

export function AvvisoPubblicata() {
  const percorso = usePathname();
  const [nota, setNota] = useState<Nota | null>(null);
  useEffect(() => {
    const n = leggiNota();
    if (!n || n.percorso !== percorso) return;
    sessionStorage.removeItem(CHIAVE);
    // Read once the page is in the browser: the server's HTML never holds the message.
    setNota(n);
  }, [percorso]);
  if (!nota) return null;
  // Only a page of the working app's editions is offered as the way back.
  const ritorno = /^\/edizione\/[^/]+$/.test(nota.da) ? nota.da : "/edizione";
  return (
    <div className="alert alert-success" role="alert">
      <strong>Pubblicazione riuscita.</strong> Questa è la pagina pubblica dell&apos;edizione, aperta a tutti. I file da scaricare (PDF,
      dati, sito ZIP) si preparano nei prossimi minuti: lo stato è nella <Link href={ritorno}>pagina dell&apos;edizione</Link>.
    </div>
  );
}
