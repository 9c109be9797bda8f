/**
 * Publishing the full edition: from a correction of the demo's published edition, the
 * snapshot sent to signature, the publication and the first renders a reader gets.
 */
import type { passoEdizioneAction } from "../../app/_server/edition-actions";
import { ErroreBench, type Benchmark } from "./benchmark";
import { chiamaAzione, registrataPer, richiestaRsc, trovaAzione } from "./next-interni";
import { ACCETTA_PAGINA, EDIZIONE_PUBBLICATA, leggiDatabase, PASSWORD, scarica } from "./server";
import { accedi, EMAIL_ASSESSORE, EMAIL_COORDINATORE } from "./sessione";
import { cronometra, kB, ms } from "./statistiche";

interface EdizioneDb {
  id: number;
  slug: string;
  version: number;
  sha256: string | null;
  stato: string;
  revisione: number;
}

function edizioneDb(slug: string): EdizioneDb {
  return leggiDatabase((db) => {
    const e = db.prepare(`SELECT id, slug, version, sha256, stato, revisione FROM editions WHERE slug = ?`).get(slug) as EdizioneDb | undefined;
    if (!e) throw new ErroreBench(`L'edizione ${slug} non è nel database del benchmark.`);
    return e;
  });
}

/**
 * The result of a lifecycle step, or the benchmark stops: the later steps depend on it.
 * The action answers `{ ok: true, vai? }` or `{ ok: false, tipo, messaggio, campi? }`.
 */
function passoRiuscito(esito: unknown, passo: string): { vai?: string } {
  const e = esito as { ok?: unknown; vai?: unknown; tipo?: unknown; messaggio?: unknown } | null;
  if (e?.ok !== true) {
    const perche = typeof e?.messaggio === "string" ? `${typeof e.tipo === "string" ? `${e.tipo}: ` : ""}${e.messaggio}` : JSON.stringify(esito)?.slice(0, 200);
    throw new ErroreBench(`Il passo "${passo}" non è riuscito: ${perche}`);
  }
  return { vai: typeof e.vai === "string" ? e.vai : undefined };
}

export const pubblicazioneEdizione: Benchmark = {
  nome: "pubblicazione dell'edizione completa",
  async esegui() {
    const obiettivo = "invio alla firma (istantanea + SHA-256) + pubblicazione + prima resa dell'edizione completa e della copertina < 2 s";
    const azione = trovaAzione<typeof passoEdizioneAction>("passoEdizioneAction", "app/_server/edition-actions.ts");
    const note: string[] = [];
    if (azione.pagine.length && !registrataPer(azione, "app/edizione/[slug]/page")) {
      note.push(`la server action non è registrata per /edizione/[slug] (pagine: ${azione.pagine.join(", ")})`);
    }
    const radice = edizioneDb(EDIZIONE_PUBBLICATA);
    if (radice.stato !== "pubblicata") throw new ErroreBench(`L'edizione ${EDIZIONE_PUBBLICATA} è "${radice.stato}", non pubblicata.`);
    const pubblico = `/edizioni/${EDIZIONE_PUBBLICATA}`;

    // Untimed preparation: the two people, then a warm-up render of the same routes on pages
    // this benchmark does not time (revision 1; the cover is revalidated by the publication).
    const coordinatore = await accedi(EMAIL_COORDINATORE, PASSWORD);
    const assessore = await accedi(EMAIL_ASSESSORE, PASSWORD);
    await scarica(`${pubblico}/revisioni/1`, ACCETTA_PAGINA);
    await scarica(pubblico, ACCETTA_PAGINA);

    // Untimed: the coordinator starts the correction, from the edition's page.
    const [errata, msErrata] = await cronometra(() =>
      chiamaAzione(coordinatore, azione, `/edizione/${EDIZIONE_PUBBLICATA}`, { passo: "errata", slug: EDIZIONE_PUBBLICATA, motivo: "Benchmark: correzione di prova" }),
    );
    const m = /^\/edizione\/([^/?#]+)$/.exec(passoRiuscito(errata, "errata").vai ?? "");
    if (!m) throw new ErroreBench(`Il passo "errata" non indica la pagina della correzione: ${JSON.stringify(errata)}`);
    const slug = decodeURIComponent(m[1]);
    const lavoro = `/edizione/${slug}`;
    let ed = edizioneDb(slug);

    // Timed: snapshot of the whole edition and its hash.
    const [invio, msInvio] = await cronometra(() => chiamaAzione(coordinatore, azione, lavoro, { passo: "invia_firma", editionId: ed.id, version: ed.version }));
    passoRiuscito(invio, "invia_firma");
    ed = edizioneDb(slug);
    if (ed.stato !== "in_firma" || !ed.sha256) throw new ErroreBench(`Dopo l'invio alla firma l'edizione ${slug} è "${ed.stato}" e ${ed.sha256 ? "ha" : "non ha"} un'impronta.`);
    const sha256 = ed.sha256;
    // Untimed: how much of an action's time is the page it re-renders (revalidatePath) — a plain
    // RSC request of that page, in the same state the action's answer rendered it.
    const [, msPaginaLavoro] = await cronometra(() => richiestaRsc(coordinatore, lavoro));

    // Untimed: the Assessore signs (deliberately slow Argon2 password check, human-paced anyway).
    const [firmato, msFirma] = await cronometra(() => chiamaAzione(assessore, azione, lavoro, { passo: "firma", editionId: ed.id, sha256, password: PASSWORD }));
    passoRiuscito(firmato, "firma");
    ed = edizioneDb(slug);

    // Timed: publish, then the first (uncached) renders a reader gets: the whole edition and the cover.
    const [pubblicato, msPubblica] = await cronometra(() => chiamaAzione(coordinatore, azione, lavoro, { passo: "pubblica", editionId: ed.id, version: ed.version }));
    const copertina = passoRiuscito(pubblicato, "pubblica").vai;
    if (copertina !== pubblico) throw new ErroreBench(`Il passo "pubblica" rimanda a ${copertina ?? "nessuna pagina"}, non a ${pubblico}.`);
    let aggiornate = true;
    const resa = async (percorso: string) => {
      const r = await scarica(percorso, ACCETTA_PAGINA);
      // The new revision's hash is printed on both pages: without it the page came from a stale cache.
      if (!r.testo.includes(sha256)) {
        aggiornate = false;
        note.push(`${percorso} non mostra l'impronta della revisione appena pubblicata: pagina non aggiornata`);
      }
      note.push(`${percorso}: ${kB(r.byte)} di HTML, x-nextjs-cache ${r.cache}`);
      return r;
    };
    const completa = await resa(`${pubblico}/revisioni/${ed.revisione}`);
    const cop = await resa(copertina);
    if (sha256 === radice.sha256) note.push("l'impronta della correzione coincide con quella della revisione 1: il controllo di aggiornamento delle pagine non è significativo");

    const totale = msInvio + msPubblica + completa.ms + cop.ms;
    note.push(
      `i tempi delle server action comprendono la nuova resa della pagina ${lavoro} da cui sono inviate, come nel browser: resa da sola (GET RSC dopo l'invio alla firma, non misurata) ${ms(msPaginaLavoro)}`,
    );
    return {
      obiettivo,
      raggiunto: aggiornate && totale < 2000,
      righe: [
        ["invio alla firma (istantanea + SHA-256)", ms(msInvio)],
        ["pubblicazione", ms(msPubblica)],
        ["prima resa dell'edizione completa", ms(completa.ms)],
        ["prima resa della copertina", ms(cop.ms)],
        ["totale misurato", ms(totale)],
        ["avvio della correzione (non misurato)", ms(msErrata)],
        ["firma con password (non misurata)", ms(msFirma)],
      ],
      note,
    };
  },
};
