/**
 * The licences an ente may choose for its open data (the `ente.licenza` column holds
 * the SPDX id), with what the DCAT-AP_IT catalogue says of each: the licence's URI,
 * its Italian name, its version and its type in the ADMS licence-type vocabulary
 * (http://purl.org/adms/licencetype/), as the national guidelines recommend for
 * dcatapit:LicenseDocument. Plain data: used by the catalogue, the public pages and
 * the amministratore's form alike.
 */

export const LICENZA_PREDEFINITA = "CC-BY-4.0";

const TIPO = "http://purl.org/adms/licencetype/";

export interface Licenza {
  /** SPDX identifier, as stored: "CC-BY-4.0". */
  spdx: string;
  /** The licence document: what dct:license points to. */
  uri: string;
  /** Its Italian name (foaf:name). */
  nome: string;
  /** Short name for lists and the public pages: "CC BY 4.0". */
  sigla: string;
  versione: string;
  /** ADMS licence types (dct:type). */
  tipi: readonly string[];
  /** One line for the amministratore choosing it. */
  spiegazione: string;
}

export const LICENZE = {
  "CC-BY-4.0": {
    spdx: "CC-BY-4.0",
    uri: "https://creativecommons.org/licenses/by/4.0/",
    nome: "Creative Commons Attribuzione 4.0 Internazionale",
    sigla: "CC BY 4.0",
    versione: "4.0",
    tipi: [`${TIPO}Attribution`],
    spiegazione: "Chiunque può riusare i dati, anche a fini commerciali, citando l'ente. È la licenza raccomandata dalle linee guida nazionali sui dati aperti.",
  },
  "CC0-1.0": {
    spdx: "CC0-1.0",
    uri: "https://creativecommons.org/publicdomain/zero/1.0/",
    nome: "Creative Commons CC0 1.0 Universale (dedicazione al pubblico dominio)",
    sigla: "CC0 1.0",
    versione: "1.0",
    tipi: [`${TIPO}PublicDomain`],
    spiegazione: "I dati sono nel pubblico dominio: riuso libero, senza obbligo di citare l'ente.",
  },
  "CC-BY-SA-4.0": {
    spdx: "CC-BY-SA-4.0",
    uri: "https://creativecommons.org/licenses/by-sa/4.0/",
    nome: "Creative Commons Attribuzione – Condividi allo stesso modo 4.0 Internazionale",
    sigla: "CC BY-SA 4.0",
    versione: "4.0",
    tipi: [`${TIPO}Attribution`, `${TIPO}ShareAlike`],
    spiegazione: "Riuso libero citando l'ente; chi ridistribuisce dati derivati deve usare la stessa licenza.",
  },
  "IODL-2.0": {
    spdx: "IODL-2.0",
    uri: "https://www.dati.gov.it/iodl/2.0/",
    nome: "Italian Open Data License v2.0",
    sigla: "IODL 2.0",
    versione: "2.0",
    tipi: [`${TIPO}Attribution`],
    spiegazione: "La licenza italiana per i dati aperti: riuso libero, anche commerciale, citando l'ente.",
  },
} as const satisfies Record<string, Licenza>;

export type IdLicenza = keyof typeof LICENZE;

export const ID_LICENZE = Object.keys(LICENZE) as IdLicenza[];

export const isIdLicenza = (s: string): s is IdLicenza => Object.hasOwn(LICENZE, s);

/** The licence of a stored SPDX id; an id this version does not know falls back to CC BY 4.0 (never an empty licence). */
export function licenza(spdx: string | null | undefined): Licenza {
  return spdx && isIdLicenza(spdx) ? LICENZE[spdx] : LICENZE[LICENZA_PREDEFINITA];
}
