/**
 * Unsaved edits kept in the browser (localStorage), so nothing typed is lost
 * when the network drops or the session expires. Keyed by user and block.
 */
import type { Blocco } from "@/lib/content/blocks";

export interface Bozza {
  /** The stored version the edit started from: equal to the server's → safe to save. */
  base: number;
  dati: Blocco;
  il: string;
  /** Texts typed in fields that did not take them (a word in a number field), by element id. */
  nonValidi?: Record<string, string>;
}

const chiave = (userId: number, blockId: number) => `bilancio-sociale:bozza:${userId}:${blockId}`;

export function salvaBozza(userId: number, blockId: number, b: Bozza): void {
  try {
    localStorage.setItem(chiave(userId, blockId), JSON.stringify(b));
  } catch {
    // Storage full or disabled: the editor still works, only the safety net is missing.
  }
}

export function leggiBozza(userId: number, blockId: number): Bozza | null {
  try {
    const t = localStorage.getItem(chiave(userId, blockId));
    return t ? (JSON.parse(t) as Bozza) : null;
  } catch {
    return null;
  }
}

export function cancellaBozza(userId: number, blockId: number): void {
  try {
    localStorage.removeItem(chiave(userId, blockId));
  } catch {
    /* nothing to do */
  }
}
