import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { MAX_BYTE_PACCHETTO } from "@/lib/editions/crea";
import { tutteLeEdizioni } from "@/lib/editions/queries";
import { decidi } from "@/lib/policy";
import { NuovaEdizioneModulo } from "./NuovaEdizioneModulo";

export const metadata: Metadata = { title: "Nuova edizione" };

/** The coordinatore starts an edition: blank, from a template, from a package; or is pointed to "the next edition". */
export default async function NuovaEdizione() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "edizione.crea"));
  const edizioni = tutteLeEdizioni(getDb()).filter((e) => !e.correggeId);
  const pubblicate = edizioni.filter((e) => e.stato === "pubblicata");
  return (
    <>
      <nav aria-label="Percorso" className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item"><Link href="/edizione">Edizioni</Link><span className="separator">/</span></li>
          <li className="breadcrumb-item active" aria-current="page">Nuova edizione</li>
        </ol>
      </nav>
      <h1 className="h2">Nuova edizione</h1>
      <p className="lead">La nuova edizione nasce in preparazione: poi ne sistemi la struttura e assegni le sezioni ai settori.</p>
      {pubblicate.length > 0 && (
        <div className="callout">
          <div className="callout-title">Per continuare un&apos;edizione pubblicata</div>
          <p className="mb-0">
            Se vuoi ripartire da un&apos;edizione pubblicata con i suoi indicatori e gli ultimi valori come base di confronto, apri
            l&apos;edizione e usa «Prepara la prossima edizione»:{" "}
            {pubblicate.map((e, i) => (
              <span key={e.id}>
                {i > 0 && ", "}
                <Link href={`/edizione/${e.slug}`}>{e.titolo}</Link>
              </span>
            ))}
            .
          </p>
        </div>
      )}
      <NuovaEdizioneModulo
        modelli={edizioni.map((e) => ({ slug: e.slug, titolo: e.titolo }))}
        maxMb={MAX_BYTE_PACCHETTO / 1024 / 1024}
        annoProposto={new Date().getFullYear()}
      />
    </>
  );
}
