import { rigaBase } from "@/lib/content/baseline";
import type { Indicatore } from "@/lib/content/blocks";
import { formatValore } from "@/lib/numbers/format";
import { NoteRef } from "./NoteRef";

function confronto(c: NonNullable<Indicatore["confronti"]>[number]): string {
  if (c.valore === undefined) return c.testo;
  const valore = formatValore(c.valore, c.unita, { variazione: c.tipo !== "riferimento" });
  return `${valore} ${c.testo}`;
}

export function IndicatoreView({ b, note }: { b: Indicatore; note: number[] }) {
  // "71.924 / abitanti nel 2016": when the caption already opens with the unit, the seed prints the number alone.
  const unitaNellEtichetta = b.unita !== "%" && b.unita !== "" && b.etichetta.toLowerCase().startsWith(b.unita.toLowerCase());
  const unita = unitaNellEtichetta ? undefined : b.unita;
  const valore = b.valore === null ? b.testoValore : formatValore(b.valore, unita, { scala: b.scala, variazione: b.variazione });
  // The previous edition's value prints like this one: without the unit when the caption carries it.
  const precedente = rigaBase(b, { unita: !unitaNellEtichetta });
  return (
    <div className="indicatore card card-bg senza-piede shadow-sm h-100">
      <div className="card-body">
        <p className="indicatore-valore h3 text-primary mb-1">{valore}</p>
        <p className="mb-1">
          {b.etichetta}
          <NoteRef numeri={note} />
        </p>
        {b.riferimento && <p className="small text-muted mb-1">Riferimento: {b.riferimento}</p>}
        {precedente && b.base && (
          <p className="indicatore-base small text-muted mb-1">
            <span className="visually-hidden">Rispetto all&apos;edizione «{b.base.edizione}»: </span>
            {precedente}
          </p>
        )}
        {b.confronti?.map((c, i) => (
          <p key={i} className="small mb-0 fw-semibold">
            {confronto(c)}
          </p>
        ))}
      </div>
    </div>
  );
}
