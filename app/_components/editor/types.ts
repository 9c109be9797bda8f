/** The contract every block form follows: the editor shell owns saving, the form only edits. */
export interface EditorProps<T> {
  value: T;
  onChange: (v: T) => void;
  /** Errors by dotted path inside the payload ("valore", "serie.0.valori.2"), from the server or the checks. */
  errori: Record<string, string>;
  /** Warnings (data checks) by the same paths; shown but not blocking. */
  avvisi?: Record<string, string>;
  /** Prefix for element ids, unique in the page. */
  id: string;
  /** The edition's years, for defaults (new rows of a series). */
  anni: { annoInizio: number; annoFine: number };
}
