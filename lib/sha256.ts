import { createHash } from "node:crypto";

/** Hex SHA-256 of bytes, or of a string's UTF-8 bytes: what `sha256sum` prints for the same file. */
export function sha256(dati: string | Uint8Array): string {
  return createHash("sha256").update(dati).digest("hex");
}
