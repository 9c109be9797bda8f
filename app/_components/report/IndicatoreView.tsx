import { rigaBase } from "@/lib/content/baseline";
import type { Indicatore } from "@/lib/content/blocks";
import { testoConfronto, testoIndicatore, unitaNellEtichetta } from "@/lib/content/cifre";
import { NoteRef } from "./NoteRef";

export function IndicatoreView({ b, note }: { b: Indicatore; note: number[] }) {
  // "71.924 / abitanti nel 2016", "1.273 / i posti letto": when the caption already opens with the unit, the seed prints the number alone.
  const valore = testoIndicatore(b);
  // The previous edition's value prints like this one: without the unit when the caption carries it.
  const precedente = rigaBase(b, { unita: !unitaNellEtichetta(b.unita, b.etichetta) });
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
            {testoConfronto(c)}
          </p>
        ))}
      </div>
    </div>
  );
}
