"use client";

import type { Testo } from "@/lib/content/blocks";
import { CampoTesto } from "./fields";
import { erroreSotto } from "@/lib/content/editor-input";
import { RichTextEditor } from "./RichTextEditor";
import type { EditorProps } from "./types";

/** A text block: optional title, rich text, source and note. */
export function TestoEditor({ value, onChange, errori, avvisi = {}, id }: EditorProps<Testo>) {
  const set = (patch: Partial<Testo>) => onChange({ ...value, ...patch });
  return (
    <div>
      <CampoTesto
        id={`${id}-titolo`}
        label="Titolo (facoltativo)"
        value={value.titolo}
        errore={errori.titolo}
        avviso={avvisi.titolo}
        onChange={(t) => set({ titolo: t || undefined })}
      />
      <RichTextEditor id={`${id}-contenuto`} label="Testo" value={value.contenuto} errore={erroreSotto(errori, "contenuto")} onChange={(contenuto) => set({ contenuto })} />
      <div className="row">
        <CampoTesto id={`${id}-fonte`} label="Fonte" className="col-md-6" value={value.fonte} errore={errori.fonte} avviso={avvisi.fonte} onChange={(f) => set({ fonte: f || undefined })} />
        <CampoTesto id={`${id}-nota`} label="Nota" className="col-md-6" value={value.nota} errore={errori.nota} avviso={avvisi.nota} onChange={(n) => set({ nota: n || undefined })} />
      </div>
    </div>
  );
}
