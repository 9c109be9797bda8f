import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { SezioneContent } from "@/app/_components/report/SezioneContent";
import { elencoRevisioni } from "@/lib/sections/revisioni";
import type { Blocco } from "@/lib/content/blocks";
import { caricaSezione } from "@/lib/sections/queries";
import { formatDataOra } from "@/lib/numbers/format";
import { decidi, risorsaSezione } from "@/lib/policy";

export const metadata: Metadata = { title: "Revisione" };

/** A past revision, rendered as the report would have shown it. */
export default async function Revisione({ params }: { params: Promise<{ id: string; numero: string }> }) {
  const u = await richiediUtente();
  const p = await params;
  const db = getDb();
  const s = caricaSezione(db, Number(p.id));
  if (!s) notFound();
  consentiOppure403(decidi(u.attore, "sezione.leggi", risorsaSezione(s, s.edizione)));
  const r = elencoRevisioni(db, s.id).find((x) => x.numero === Number(p.numero));
  if (!r) notFound();
  return (
    <>
      <p><Link href={`/sezioni/${s.id}/cronologia`}>← Cronologia</Link></p>
      <h1 className="h2">{s.titolo}: revisione n. {r.numero}</h1>
      <p className="lead">{r.autore ?? "Sistema"}, {formatDataOra(r.createdAt)}</p>
      <SezioneContent blocchi={(r.contenuto as Blocco[]).map((dati, i) => ({ id: i + 1, dati }))} />
    </>
  );
}
