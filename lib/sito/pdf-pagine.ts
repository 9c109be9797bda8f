/**
 * Page numbers read back from a PDF that Chromium printed. Chromium turns every
 * element id that a link points at into a named destination (/Dests name → [page …]),
 * and the headings into the outline; so the page a part, area or ambito starts on is
 * read from the PDF itself, exactly, with no text extraction.
 */
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, type PDFObject, type PDFRef } from "pdf-lib";

async function apri(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pagine = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  const paginaDi = (dest: PDFObject | undefined): number | null => {
    // A name refers to the catalog's /Dests.
    if (dest instanceof PDFName) dest = dests?.lookup(dest);
    const arr = dest instanceof PDFArray ? dest : dest instanceof PDFDict ? dest.lookupMaybe(PDFName.of("D"), PDFArray) : undefined;
    const ref = arr?.get(0);
    return ref ? (pagine.get(ref.toString()) ?? null) : null;
  };
  return { doc, paginaDi, totale: pagine.size };
}

/** Named destination → page (1-based): "parte-impegni" → 12. */
export async function pagineDestinazioni(pdf: Uint8Array): Promise<Map<string, number>> {
  const { doc, paginaDi } = await apri(pdf);
  const risultato = new Map<string, number>();
  const dests = doc.catalog.lookupMaybe(PDFName.of("Dests"), PDFDict);
  for (const [nome, valore] of dests?.entries() ?? []) {
    const pagina = paginaDi(dests!.context.lookup(valore));
    if (pagina !== null) risultato.set(decodeURIComponent(nome.asString().slice(1)), pagina);
  }
  return risultato;
}

export interface Segnalibro {
  titolo: string;
  pagina: number | null;
  livello: number;
}

/** The PDF's outline (bookmarks), depth first. */
export async function segnalibri(pdf: Uint8Array): Promise<Segnalibro[]> {
  const { doc, paginaDi } = await apri(pdf);
  const voci: Segnalibro[] = [];
  const visita = (voce: PDFDict | undefined, livello: number) => {
    // Bounded: an outline is a linked list, and a malformed one could loop.
    for (let n = 0; voce && n < 10_000; n++) {
      const titolo = voce.lookup(PDFName.of("Title"));
      const testo = titolo && "decodeText" in titolo ? (titolo as { decodeText(): string }).decodeText() : "";
      voci.push({ titolo: testo, pagina: paginaDi(voce.lookup(PDFName.of("Dest"))), livello });
      visita(voce.lookupMaybe(PDFName.of("First"), PDFDict), livello + 1);
      voce = voce.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
  };
  visita(doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict)?.lookupMaybe(PDFName.of("First"), PDFDict), 0);
  return voci;
}

/** Whether the PDF declares itself tagged (structure tree for screen readers). */
export async function pdfEtichettato(pdf: Uint8Array): Promise<boolean> {
  const { doc } = await apri(pdf);
  const mark = doc.catalog.lookupMaybe(PDFName.of("MarkInfo"), PDFDict);
  return !!doc.catalog.get(PDFName.of("StructTreeRoot")) && mark?.get(PDFName.of("Marked"))?.toString() === "true";
}

export interface VoceSegnalibro {
  titolo: string;
  /** The named destination (the element id the index links to). */
  destinazione: string;
  voci: VoceSegnalibro[];
}

/**
 * Replaces the outline Chromium made from the headings (its titles run words together
 * where a heading wraps and repeat visually hidden text) with the edition's own index:
 * parts → areas and pages → ambiti, each pointing at its named destination.
 */
export async function conSegnalibri(pdf: Uint8Array, voci: VoceSegnalibro[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const radice = ctx.nextRef();
  const scrivi = (elenco: VoceSegnalibro[], genitore: PDFRef): { primo: PDFRef; ultimo: PDFRef; conteggio: number } => {
    const refs = elenco.map(() => ctx.nextRef());
    let conteggio = elenco.length;
    elenco.forEach((v, i) => {
      const d = ctx.obj({ Title: PDFHexString.fromText(v.titolo), Parent: genitore, Dest: PDFName.of(v.destinazione) }) as PDFDict;
      if (i > 0) d.set(PDFName.of("Prev"), refs[i - 1]);
      if (i < refs.length - 1) d.set(PDFName.of("Next"), refs[i + 1]);
      if (v.voci.length > 0) {
        const figli = scrivi(v.voci, refs[i]);
        d.set(PDFName.of("First"), figli.primo);
        d.set(PDFName.of("Last"), figli.ultimo);
        // Positive: open in the reader's sidebar, parts showing their areas.
        d.set(PDFName.of("Count"), PDFNumber.of(figli.conteggio));
        conteggio += figli.conteggio;
      }
      ctx.assign(refs[i], d);
    });
    return { primo: refs[0], ultimo: refs[refs.length - 1], conteggio };
  };
  if (voci.length === 0) return pdf;
  const tutte = scrivi(voci, radice);
  ctx.assign(radice, ctx.obj({ Type: "Outlines", First: tutte.primo, Last: tutte.ultimo, Count: PDFNumber.of(tutte.conteggio) }));
  doc.catalog.set(PDFName.of("Outlines"), radice);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
