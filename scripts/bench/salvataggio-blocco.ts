/** Block save round trip: many editors autosaving their own block at once, through the real server action. */
import { performance } from "node:perf_hooks";
import { setTimeout as attendi } from "node:timers/promises";
import type { salvaBloccoAction } from "../../app/_server/block-actions";
import { ATTESA_AUTOSALVATAGGIO_MS } from "../../lib/blocks/autosave";
import { ErroreBench, type Benchmark } from "./benchmark";
import { chiamaAzione, registrataPer, trovaAzione } from "./next-interni";
import { leggiDatabase } from "./server";
import type { Sessione } from "./sessione";
import { percentile, righeLatenze } from "./statistiche";

const GIRI = Number(process.env.BENCH_ROUNDS ?? 25);
const EDITORI = Number(process.env.BENCH_EDITORS ?? 30);
const RISCALDAMENTO = Number(process.env.BENCH_WARMUP ?? 3);

/** What the benchmark reads of the action's answer (lib/blocks/service salvaBlocco through the action wrapper). */
type EsitoSalvataggio =
  | { ok: true; blocco: { id: number; version: number; dati: { valore?: unknown } } }
  | { ok: false; tipo: string; messaggio?: string; corrente?: { version: number } | null };

interface BloccoBench {
  id: number;
  version: number;
  dati: Record<string, unknown>;
  sectionId: number;
}

function blocchiIndicatore(n: number): BloccoBench[] {
  return leggiDatabase((db) => {
    const righe = db
      .prepare(
        `SELECT b.id, b.version, b.payload, b.section_id FROM blocks b JOIN sections s ON s.id = b.section_id
         WHERE b.tipo = 'indicatore' AND s.stato = 'bozza' ORDER BY b.id LIMIT ?`,
      )
      .all(n) as { id: number; version: number; payload: string; section_id: number }[];
    return righe.map((r) => ({ id: r.id, version: r.version, dati: JSON.parse(r.payload), sectionId: r.section_id }));
  });
}

export const salvataggioBlocco: Benchmark = {
  nome: "salvataggio blocco",
  parametri: () => `Salvataggi: editor ${EDITORI}, giri ${GIRI}.`,
  async esegui(ctx) {
    const obiettivo = `p95 < 100 ms con ${EDITORI} editor che salvano insieme`;
    const azione = trovaAzione<typeof salvaBloccoAction>("salvaBloccoAction", "app/_server/block-actions.ts");
    const blocchi = blocchiIndicatore(EDITORI);
    if (blocchi.length < EDITORI) throw new ErroreBench(`Servono ${EDITORI} blocchi indicatore in sezioni in bozza, trovati ${blocchi.length}.`);
    const note: string[] = [];
    if (azione.pagine.length && !registrataPer(azione, "app/sezioni/[id]/modifica/page")) {
      note.push(`la server action non è registrata per /sezioni/[id]/modifica (pagine: ${azione.pagine.join(", ")})`);
    }

    const sessioni = await ctx.sessioniCoordinatore(EDITORI);

    const errori = new Map<string, number>();
    const conta = (k: string) => errori.set(k, (errori.get(k) ?? 0) + 1);
    let erroriMisurati = 0;
    const misure: number[] = [];

    /** One save of the editor's own block; keeps its version in step with the server's answer. */
    async function salva(s: Sessione, b: BloccoBench, misura: boolean) {
      const dati = { ...b.dati, valore: Math.round(Math.random() * 1_000_000) / 10 };
      const t0 = performance.now();
      let esito: EsitoSalvataggio;
      try {
        esito = (await chiamaAzione(s, azione, `/sezioni/${b.sectionId}/modifica`, { blockId: b.id, version: b.version, dati })) as EsitoSalvataggio;
      } catch (e) {
        conta((e as Error).message.slice(0, 120));
        if (misura) erroriMisurati++;
        return;
      }
      const dt = performance.now() - t0;
      if (esito?.ok === true && esito.blocco?.version === b.version + 1 && esito.blocco.dati?.valore === dati.valore) {
        b.version = esito.blocco.version;
        b.dati = dati;
        if (misura) misure.push(dt);
        return;
      }
      if (misura) erroriMisurati++;
      if (esito?.ok === false) {
        conta(`${esito.tipo}: ${esito.messaggio ?? ""}`);
        if (esito.tipo === "conflitto" && esito.corrente) b.version = esito.corrente.version;
      } else {
        conta(`risposta inattesa: ${JSON.stringify(esito).slice(0, 120)}`);
      }
    }

    const editore = async (i: number, giri: number, misura: boolean) => {
      for (let g = 0; g < giri; g++) {
        await salva(sessioni[i], blocchi[i], misura);
        // A real editor saves at most once per autosave interval, plus the time to type the next change.
        await attendi(ATTESA_AUTOSALVATAGGIO_MS + Math.random() * 400);
      }
    };

    // Warm-up: compile caches, JIT, SQLite pages. Not measured.
    await Promise.all(blocchi.map((_, i) => editore(i, RISCALDAMENTO, false)));
    const erroriRiscaldamento = [...errori.values()].reduce((a, b) => a + b, 0);
    if (erroriRiscaldamento === RISCALDAMENTO * EDITORI && RISCALDAMENTO > 0) {
      throw new ErroreBench(`Tutti i salvataggi di riscaldamento sono falliti: ${[...errori.keys()].join(" | ")}`);
    }

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await Promise.all(blocchi.map((_, i) => editore(i, GIRI, true)));
    const durataMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // The load generator shares the machine's cores with the server: say how much it took.
    note.push(`CPU usata dal generatore di carico: ${(((cpu.user + cpu.system) / 1000 / durataMs) * 100).toFixed(0)}% di un core`);

    for (const [k, n] of errori) note.push(`${n}× ${k}`);
    const p95 = percentile([...misure].sort((a, b) => a - b), 95);
    return { obiettivo, raggiunto: erroriMisurati === 0 && misure.length > 0 && p95 < 100, righe: righeLatenze("salvataggi", misure, erroriMisurati, durataMs), note };
  },
};
