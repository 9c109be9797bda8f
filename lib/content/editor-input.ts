/**
 * What the rich text editor does with what the officer types or pastes, as pure
 * functions: link targets, footnote text, pasted headings, and the field's error.
 * The editor component (app/_components/editor/RichTextEditor.tsx) only wires them to TipTap.
 */
import { MAX_TESTO_NOTA } from "./rich-text";
import { normalizzaHref, normalizzaTestoNota } from "./clean-rich-text";

/** A scheme at the start of a URL ("javascript:", "tel:"): only http, https and mailto are accepted. */
const CON_SCHEMA = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Link targets the editor accepts while typing, pasting and autolinking.
 * Addresses without a scheme ("www.comune.it", "urp@comune.it") are let
 * through: autolink completes them with https:// or mailto:, and pulisciDoc
 * drops any link that still is not http, https or mailto.
 */
export function uriAmmesso(url: string): boolean {
  const u = url.replace(/\s/g, "");
  return CON_SCHEMA.test(u) ? /^(https?:|mailto:)/i.test(u) : true;
}

/** Pasted headings outside 3–4 would become plain paragraphs: h1/h2 become h3, h5/h6 become h4. */
export function titoliIncollati(html: string): string {
  return html.replace(/<(\/?)h[12](?=[\s>])/gi, "<$1h3").replace(/<(\/?)h[56](?=[\s>])/gi, "<$1h4");
}

/**
 * What the officer types in the link box: "www.comune.it" and "urp@comune.it"
 * are completed; anything that is not http, https or mailto is refused.
 */
export function interpretaCollegamento(testo: string): { ok: true; href: string } | { ok: false; messaggio: string } {
  let t = testo.trim();
  if (t === "") return { ok: false, messaggio: "Scrivi l'indirizzo del collegamento, ad esempio https://www.comune.it" };
  if (!CON_SCHEMA.test(t) && !t.startsWith("//")) {
    if (/^[^\s@/]+@[^\s@/]+\.[^\s@/]+$/.test(t)) t = `mailto:${t}`;
    else if (/^[^\s/]+\.[a-z]{2,}(?:[/?#:]|$)/i.test(t)) t = `https://${t}`;
  }
  const href = normalizzaHref(t);
  if (!href) {
    return {
      ok: false,
      messaggio: CON_SCHEMA.test(t)
        ? "Sono ammessi solo collegamenti che iniziano con http://, https:// o mailto:"
        : "Indirizzo non valido: scrivilo per intero, ad esempio https://www.comune.it oppure mailto:urp@comune.it",
    };
  }
  if (/^https?:/i.test(href)) {
    try {
      const u = new URL(href);
      if (!u.hostname.includes(".") && u.hostname !== "localhost") throw new Error("host");
    } catch {
      return { ok: false, messaggio: "Indirizzo non valido: scrivilo per intero, ad esempio https://www.comune.it" };
    }
  }
  return { ok: true, href };
}

/** What the officer types in the footnote box, as stored, or the reason it cannot be. */
export function interpretaNota(testo: string): { ok: true; testo: string } | { ok: false; messaggio: string } {
  const t = normalizzaTestoNota(testo);
  if (t === "") return { ok: false, messaggio: "Scrivi il testo della nota a piè di pagina." };
  if (t.length > MAX_TESTO_NOTA) {
    return { ok: false, messaggio: `La nota può contenere al massimo ${MAX_TESTO_NOTA} caratteri: ora ne ha ${t.length}.` };
  }
  return { ok: true, testo: t };
}

/**
 * The error of a rich text field: its own, or the first one found inside the
 * document ("contenuto.content.2.content.0.text"), which the field shows as one message.
 */
export function erroreSotto(errori: Record<string, string>, prefisso: string): string | undefined {
  return errori[prefisso] ?? Object.entries(errori).find(([k]) => k.startsWith(prefisso + "."))?.[1];
}
