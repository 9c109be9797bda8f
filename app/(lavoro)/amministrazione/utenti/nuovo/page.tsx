import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { settoriAttivi } from "@/lib/admin/queries";
import { decidi } from "@/lib/policy";
import { NuovoUtenteForm } from "./NuovoUtenteForm";

export const metadata: Metadata = { title: "Nuovo utente" };

export default async function NuovoUtente({ searchParams }: { searchParams: Promise<{ settore?: string }> }) {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "utenti.gestisci"));
  const settori = settoriAttivi(getDb());
  const richiesto = Number((await searchParams).settore);
  const settoreIniziale = settori.some((s) => s.id === richiesto) ? richiesto : undefined;
  return (
    <>
      <p><Link href="/amministrazione">← Amministrazione</Link></p>
      <h1 className="h2">Nuovo utente</h1>
      <p>La persona riceve per email un invito con un collegamento, valido una sola volta per 72 ore, per scegliere la propria password. Nessun altro la vede.</p>
      <NuovoUtenteForm settori={settori} settoreIniziale={settoreIniziale} />
    </>
  );
}
