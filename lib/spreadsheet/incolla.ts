/**
 * Delimited text to a grid of strings, with Excel's quoting, and what is pasted from a
 * spreadsheet. Plain code with no Node or server imports: the editors (client
 * components) parse a paste with it, and read.ts parses CSV/TXT files with it.
 */

function rigaVuota(riga: string[]): boolean {
  return riga.every((c) => c.trim() === "");
}

/** Drops fully empty rows at the end. */
export function togliRigheVuoteFinali(righe: string[][]): string[][] {
  let n = righe.length;
  while (n > 0 && rigaVuota(righe[n - 1])) n--;
  return n === righe.length ? righe : righe.slice(0, n);
}

/**
 * Delimited text to rows, with Excel's quoting: a cell that starts with `"` runs to the
 * closing quote, may hold separators and line breaks, and writes `"` as `""`.
 * Line endings may be \r\n, \n or \r. Fully empty trailing rows are dropped.
 */
export function analizzaDelimitato(testo: string, sep: string): string[][] {
  if (testo.charCodeAt(0) === 0xfeff) testo = testo.slice(1);
  const righe: string[][] = [];
  let riga: string[] = [];
  let cella = "";
  let i = 0;
  const n = testo.length;
  while (i < n) {
    const c = testo[i];
    if (c === '"' && cella === "") {
      // Quoted cell: up to the closing quote; anything after it up to the separator is kept as typed.
      i++;
      while (i < n) {
        if (testo[i] === '"') {
          if (testo[i + 1] === '"') {
            cella += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else if (testo[i] === "\r" && testo[i + 1] === "\n") {
          cella += "\n";
          i += 2;
        } else {
          cella += testo[i++];
        }
      }
      continue;
    }
    if (c === sep) {
      riga.push(cella);
      cella = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      riga.push(cella);
      righe.push(riga);
      riga = [];
      cella = "";
      i += c === "\r" && testo[i + 1] === "\n" ? 2 : 1;
    } else {
      cella += c;
      i++;
    }
  }
  // A final line without its line break (a trailing newline adds no row).
  if (cella !== "" || riga.length > 0) {
    riga.push(cella);
    righe.push(riga);
  }
  return togliRigheVuoteFinali(righe);
}

/**
 * Text copied from a spreadsheet (Excel, LibreOffice, Google Sheets): tab-separated,
 * Windows or Unix line endings, cells with line breaks quoted as Excel puts them.
 */
export function incollaTabella(testo: string): string[][] {
  return analizzaDelimitato(testo, "\t");
}
