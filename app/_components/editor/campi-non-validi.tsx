"use client";

/**
 * Text a field holds that is not a valid value ("trecentododici" in a number field): the payload
 * cannot carry it, so the field tells its block, which then says it is not saved, keeps the text
 * in the browser's draft with the rest and refuses to be sent.
 */
import { createContext, useContext, useEffect, useRef } from "react";

export interface CampoNonValido {
  testo: string;
  messaggio: string;
  /** The field's label, for "«Valore»: …" in a refusal. */
  etichetta: string;
}

export interface CampiNonValidi {
  /** Everything `chiave` (a field, or a grid) holds that is invalid now, by element id; {} when nothing. */
  segnala: (chiave: string, campi: Record<string, CampoNonValido>) => void;
  /** Texts brought back from the browser's draft, by element id. */
  ripristinati: Record<string, string>;
}

export const CampiNonValidiContext = createContext<CampiNonValidi | null>(null);

/** Reports `campi` for `chiave` whenever they change, and withdraws them when the field goes away. */
export function useSegnalaNonValidi(chiave: string, campi: Record<string, CampoNonValido>): void {
  const ctx = useContext(CampiNonValidiContext);
  const firma = JSON.stringify(campi);
  const ultima = useRef("{}");
  useEffect(() => {
    if (!ctx || firma === ultima.current) return;
    ultima.current = firma;
    ctx.segnala(chiave, JSON.parse(firma) as Record<string, CampoNonValido>);
  }, [ctx, chiave, firma]);
  useEffect(
    () => () => {
      if (ultima.current !== "{}") ctx?.segnala(chiave, {});
      ultima.current = "{}";
    },
    [ctx, chiave],
  );
}

/** The text the draft kept for element `id`, if any. */
export function useTestoRipristinato(id: string): string | undefined {
  return useContext(CampiNonValidiContext)?.ripristinati[id];
}
