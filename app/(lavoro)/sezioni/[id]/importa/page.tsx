import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { caricaSezione } from "@/lib/sections/queries";
import { decidi, risorsaSezione } from "@/lib/policy";
import { ImportForm } from "./ImportForm";

export const metadata: Metadata = { title: "Importa da foglio di calcolo" };

export default async function Importa({ params }: { params: Promise<{ id: string }> }) {
  const u = await richiediUtente();
  const s = caricaSezione(getDb(), Number((await params).id));
  if (!s) notFound();
  consentiOppure403(decidi(u.attore, "sezione.modifica", risorsaSezione(s, s.edizione)));
  return (
    <>
      <p><Link href={`/sezioni/${s.id}/modifica`}>← Torna all&apos;editor</Link></p>
      <h1 className="h2">Importa in «{s.titolo}»</h1>
      <p>Carica un foglio CSV o Excel: vedrai che cosa sarà scritto e ogni riga con errori prima di confermare. I blocchi importati si aggiungono in fondo alla sezione.</p>
      <ImportForm sectionId={s.id} />
    </>
  );
}
