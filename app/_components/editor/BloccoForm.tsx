"use client";

import type { Blocco } from "@/lib/content/blocks";
import { IndicatoreEditor } from "./IndicatoreEditor";
import { SchedaEditor } from "./SchedaEditor";
import { SerieEditor } from "./SerieEditor";
import { TabellaEditor } from "./TabellaEditor";
import { TestoEditor } from "./TestoEditor";
import type { EditorProps } from "./types";

/** The form of a block's kind. */
export function BloccoForm(props: EditorProps<Blocco>) {
  const { value } = props;
  const cast = <T extends Blocco>(v: T) => ({ ...props, value: v, onChange: props.onChange as (b: T) => void });
  switch (value.tipo) {
    case "indicatore":
      return <IndicatoreEditor {...cast(value)} />;
    case "serie":
      return <SerieEditor {...cast(value)} />;
    case "tabella":
      return <TabellaEditor {...cast(value)} />;
    case "scheda":
      return <SchedaEditor {...cast(value)} />;
    case "testo":
      return <TestoEditor {...cast(value)} />;
  }
}
