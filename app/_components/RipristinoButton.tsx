"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ripristinaRevisioneAction } from "@/app/_server/block-actions";

/** Restores revision `numero`; `ultima` is the newest revision the page showed, so a newer save by someone else is not undone. */
export function RipristinoButton({ sectionId, numero, ultima }: { sectionId: number; numero: number; ultima: number }) {
  const router = useRouter();
  const [errore, setErrore] = useState<string | null>(null);
  const [attesa, setAttesa] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn btn-sm btn-outline-primary"
        disabled={attesa}
        aria-label={`Ripristina la revisione ${numero}`}
        onClick={async () => {
          if (!window.confirm(`Ripristinare la sezione com'era alla revisione ${numero}? Lo stato attuale resta nella cronologia.`)) return;
          setAttesa(true);
          const r = await ripristinaRevisioneAction({ sectionId, numero, ultima });
          setAttesa(false);
          if (r.ok) router.refresh();
          else setErrore(r.messaggio);
        }}
      >
        Ripristina
      </button>
      {errore && <span className="text-danger small ms-2" role="alert">{errore}</span>}
    </>
  );
}
