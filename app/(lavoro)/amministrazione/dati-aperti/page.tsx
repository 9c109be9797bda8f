import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { consentiOppure403 } from "@/app/_server/guard";
import { richiediUtente } from "@/app/_server/session";
import { indirizzoPubblico } from "@/lib/mail/link";
import { licenzaEnte } from "@/lib/opendata/catalogo";
import { DCAT_CATALOGO, indirizziDcat } from "@/lib/opendata/dcat";
import { LICENZE } from "@/lib/opendata/licenze";
import { decidi } from "@/lib/policy";
import { edizioniPubblicate } from "@/lib/publication/queries";
import { ModuloLicenza } from "./ModuloLicenza";

export const metadata: Metadata = { title: "Dati aperti" };

/** The licence of the open data, and where the catalogues that harvesters read are. */
export default async function DatiAperti() {
  const u = await richiediUtente();
  consentiOppure403(decidi(u.attore, "ente.configura"));
  const db = getDb();
  const attuale = licenzaEnte(db);
  const edizioni = edizioniPubblicate(db);
  const base = indirizzoPubblico();
  const licenze = Object.values(LICENZE).map(({ spdx, nome, sigla, uri, spiegazione }) => ({ spdx, nome, sigla, uri, spiegazione }));
  return (
    <>
      <p><Link href="/amministrazione">← Amministrazione</Link></p>
      <h1 className="h2">Dati aperti</h1>
      <p className="lead">
        I dati di ogni edizione pubblicata (JSON, CSV e PDF) sono descritti nel profilo DCAT-AP_IT, quello che il catalogo
        nazionale dati.gov.it raccoglie. Qui scegli con quale licenza l&apos;ente li rende disponibili.
      </p>

      <section className="mb-5" aria-labelledby="licenza-titolo">
        <h2 id="licenza-titolo" className="h4">Licenza</h2>
        <p>Licenza attuale: <strong>{attuale.nome} ({attuale.sigla})</strong>.</p>
        <ModuloLicenza licenze={licenze} attuale={attuale.spdx} />
      </section>

      <section className="mb-5" aria-labelledby="catalogo-titolo">
        <h2 id="catalogo-titolo" className="h4">Catalogo per i portali</h2>
        <p>
          Per l&apos;harvesting da parte di dati.gov.it o del portale regionale, indica l&apos;indirizzo del catalogo:{" "}
          <code className="text-break">{base}{DCAT_CATALOGO.jsonld}</code>
        </p>
        <ul>
          <li><a href={DCAT_CATALOGO.jsonld}>Catalogo di tutte le edizioni (JSON-LD)</a></li>
          <li><a href={DCAT_CATALOGO.turtle}>Catalogo di tutte le edizioni (Turtle)</a></li>
          {edizioni.map((e) => (
            <li key={e.slug}>
              <a href={indirizziDcat(e.slug).jsonld}>{e.titolo} (JSON-LD)</a> · <a href={indirizziDcat(e.slug).turtle}>Turtle</a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
