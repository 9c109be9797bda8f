import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { SegnaLetteForm } from "@/app/_components/SegnaLetteForm";
import { richiediUtente } from "@/app/_server/session";
import { elencoNotifiche } from "@/lib/notifications/queries";
import { formatDataOra } from "@/lib/numbers/format";

export const metadata: Metadata = { title: "Notifiche" };

const LIMITE = 100;

export default async function Notifiche() {
  const u = await richiediUtente();
  const elenco = elencoNotifiche(getDb(), u.id, LIMITE);
  const daLeggere = elenco.filter((x) => !x.letta);
  return (
    <>
      <h1 className="h2">Notifiche</h1>
      <p className="lead">
        {daLeggere.length === 0 ? "Nessuna notifica da leggere." : daLeggere.length === 1 ? "1 notifica da leggere." : `${daLeggere.length} notifiche da leggere.`}
      </p>
      {daLeggere.length > 0 && (
        <SegnaLetteForm ids={daLeggere.map((x) => x.id)} />
      )}
      {elenco.length === 0 ? (
        <p>Non hai ancora ricevuto notifiche. Qui compariranno gli invii alla revisione, le decisioni, i commenti e i promemoria delle scadenze.</p>
      ) : (
        <ul className="list-group mb-4">
          {elenco.map((x) => (
            <li key={x.id} className="list-group-item d-flex flex-wrap justify-content-between gap-2">
              <span className={x.letta ? undefined : "fw-bold"}>
                {!x.letta && <span className="visually-hidden">Da leggere: </span>}
                {x.link ? <Link href={x.link}>{x.testo}</Link> : x.testo}
              </span>
              <time dateTime={x.createdAt} className="small text-muted text-nowrap">{formatDataOra(x.createdAt)}</time>
            </li>
          ))}
        </ul>
      )}
      {elenco.length === LIMITE && <p className="small">Sono mostrate le {LIMITE} notifiche più recenti.</p>}
    </>
  );
}
