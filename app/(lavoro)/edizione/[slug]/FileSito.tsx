/**
 * The files of a published revision (pages, PDF, ZIP), made in the background after
 * the publication: their progress while they are made, then the downloads.
 */
import { AggiornaOgni } from "@/app/_components/AggiornaOgni";
import type { StatoFileSito } from "@/lib/sito/queries";

export function FileSito({ stato, slug, revisione }: { stato: StatoFileSito | null; slug: string; revisione: number }) {
  if (!stato) return null;
  const base = `/edizioni/${slug}/revisioni/${revisione}`;
  return (
    <div className="callout-file-sito border rounded p-3 mb-3" aria-live="polite" data-testid="file-sito">
      <h3 className="h6 mb-2">File dell&apos;edizione pubblicata (revisione {revisione})</h3>
      {(stato.stato === "in_coda" || stato.stato === "in_corso") && (
        <>
          <AggiornaOgni secondi={2} />
          <p className="mb-1">
            In preparazione: pagine, PDF e sito scaricabile.{" "}
            {stato.totale > 0 ? `${stato.fatti} di ${stato.totale} file fatti.` : "In attesa di iniziare."} Intanto le pagine pubbliche sono servite dall&apos;app.
          </p>
          <progress className="w-100" max={Math.max(stato.totale, 1)} value={stato.fatti} aria-label="Avanzamento dei file dell'edizione" />
        </>
      )}
      {stato.stato === "pronto" && (
        <>
          <p className="mb-1">
            <strong>Pronti.</strong> Le pagine pubbliche sono servite da questi file. <a href={`${base}/sito.zip`}>Scarica il sito (ZIP)</a> da pubblicare sul sito
            istituzionale · <a href={`${base}/bilancio-sociale.pdf`}>PDF</a> · <a href={`${base}/SHA256SUMS`}>SHA256SUMS</a>
          </p>
          {stato.sha256Somme && (
            <p className="small mb-0">
              Impronta SHA-256 del file SHA256SUMS: <code className="text-break">{stato.sha256Somme}</code>
            </p>
          )}
        </>
      )}
      {stato.stato === "errore" && (
        <p className="mb-0 text-danger">
          I file non sono stati preparati: {stato.errore}. Le pagine pubbliche restano consultabili (servite dall&apos;app); il server riprova al prossimo avvio.
        </p>
      )}
    </div>
  );
}
