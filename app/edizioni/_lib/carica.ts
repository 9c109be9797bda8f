/**
 * Loading of the public pages: from the publications table only (immutable
 * snapshots), never from the session. Wrapped in React's cache so the page
 * and its generateMetadata read the database once per render.
 */
import { cache } from "react";
import { getDb } from "@/db/client";
import { indiceEdizione, noteEdizione } from "@/lib/publication/indice";
import { numeroRevisioneUrl } from "@/lib/publication/file-pubblici";
import { pubblicazione } from "@/lib/publication/queries";

/** A published edition by slug: the latest revision, or revision `n`. */
export const caricaPubblicazione = cache((slug: string, revisione?: number) => pubblicazione(getDb(), slug, revisione));

/** The latest revision with its index and edition-wide note numbering. */
export const caricaEdizione = cache((slug: string) => {
  const p = caricaPubblicazione(slug);
  if (!p) return null;
  return { pub: p, indice: indiceEdizione(p.dati), note: noteEdizione(p.dati) };
});

/** Revision `n` as written in the URL, or null when the number or the revision does not exist. */
export function caricaRevisione(slug: string, n: string) {
  const numero = numeroRevisioneUrl(n);
  return numero === null ? null : caricaPubblicazione(slug, numero);
}

export const base = (slug: string) => `/edizioni/${slug}`;
