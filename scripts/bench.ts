/**
 * Performance benchmarks against the real production server (`npm start`) on a
 * fresh demo database (data/bench/). Prints figures and whether each goal is
 * met; exits 0 either way, 1 only when a benchmark itself could not run.
 *
 *   npm run build && npm run bench                 # all benchmarks, in the order of `benchmarks`
 *   npm run bench -- ambito                        # only those whose name contains a fragment
 *
 * Env: BENCH_PORT (3300), BENCH_ROUNDS (25 saves per editor), BENCH_EDITORS (30), BENCH_WARMUP (3);
 * public pages: BENCH_CLIENTS (20), BENCH_LOAD_SECONDS (10), BENCH_LOAD_WARMUP (2 s),
 * BENCH_AMBITO (an ambito's section codice), BENCH_STATIC (a path under /_next/static to compare with),
 * BENCH_FILE_WAIT (seconds the server may take to make the published files).
 *
 * One file per benchmark in scripts/bench/, listed in `benchmarks` below; they share one
 * server and the logged-in sessions. What they know of Next.js internals (the server-reference
 * manifest, calling a server action, the RSC wire format) is in scripts/bench/next-interni.ts only.
 */
import { performance } from "node:perf_hooks";
import { ErroreBench, type Benchmark, type Contesto } from "./bench/benchmark";
import { buildPresente } from "./bench/next-interni";
import { paginaAmbito } from "./bench/pagina-ambito";
import { pubblicazioneEdizione } from "./bench/pubblicazione";
import { salvataggioBlocco } from "./bench/salvataggio-blocco";
import { avviaServer, azzeraDatabase, BASE, DATABASE_PATH, fermaServer, fermaSubito, PASSWORD } from "./bench/server";
import { accedi, EMAIL_COORDINATORE, type Sessione } from "./bench/sessione";
import { stampa } from "./bench/statistiche";

/** In running order: the public-page load before the publication, which replaces the public edition. */
const benchmarks: Benchmark[] = [salvataggioBlocco, paginaAmbito, pubblicazioneEdizione];

/** `npm run bench -- <fragment>…`: the benchmarks whose name contains one of the fragments; all by default. */
function scelti(): Benchmark[] {
  const frammenti = process.argv.slice(2).map((f) => f.trim().toLowerCase()).filter(Boolean);
  if (!frammenti.length) return benchmarks;
  const s = benchmarks.filter((b) => frammenti.some((f) => b.nome.toLowerCase().includes(f)));
  if (!s.length) {
    throw new ErroreBench(`Nessun benchmark contiene ${frammenti.map((f) => `"${f}"`).join(" o ")} nel nome. Disponibili: ${benchmarks.map((b) => `"${b.nome}"`).join(", ")}.`);
  }
  return s;
}

/** Coordinator sessions shared by the run's benchmarks: logged in one after the other, the first time they are asked for. */
function contesto(): Contesto {
  const sessioni: Sessione[] = [];
  let coda: Promise<unknown> = Promise.resolve();
  return {
    sessioniCoordinatore: (n) => {
      const pronte = coda.then(async () => {
        if (sessioni.length >= n) return sessioni.slice(0, n);
        console.log(`Accesso di ${n - sessioni.length} sessioni…`);
        while (sessioni.length < n) sessioni.push(await accedi(EMAIL_COORDINATORE, PASSWORD));
        return sessioni.slice(0, n);
      });
      coda = pronte.catch(() => undefined);
      return pronte;
    },
  };
}

const messaggio = (e: unknown) => (e instanceof ErroreBench ? e.message : ((e as Error).stack ?? String(e)));

/** Runs the chosen benchmarks; returns how many could not run. */
async function main(): Promise<number> {
  if (!buildPresente()) {
    console.error("Esegui prima npm run build");
    process.exit(1);
  }
  const scelta = scelti();
  console.log(`Benchmark sul server di produzione (${BASE}, database ${DATABASE_PATH}): ${scelta.map((b) => b.nome).join("; ")}.`);
  for (const b of scelta) if (b.parametri) console.log(b.parametri());
  console.log("Preparo il database…");
  azzeraDatabase();
  console.log("Avvio il server…");
  const avvio = performance.now();
  await avviaServer();
  console.log(`Server pronto in ${((performance.now() - avvio) / 1000).toFixed(1)} s.`);

  const ctx = contesto();
  const esiti: { nome: string; esito: string }[] = [];
  for (const b of scelta) {
    try {
      const r = await b.esegui(ctx);
      stampa(b.nome, r);
      esiti.push({ nome: b.nome, esito: r.raggiunto ? "OBIETTIVO RAGGIUNTO" : "OBIETTIVO NON RAGGIUNTO" });
    } catch (e) {
      // One benchmark that cannot run does not stop the others.
      console.error(`\n== ${b.nome} ==\nBenchmark non eseguito: ${messaggio(e)}`);
      esiti.push({ nome: b.nome, esito: "NON ESEGUITO" });
    }
  }
  if (esiti.length > 1) {
    console.log("\nRiepilogo:");
    for (const e of esiti) console.log(`  ${e.nome}: ${e.esito}`);
  }
  return esiti.filter((e) => e.esito === "NON ESEGUITO").length;
}

for (const segnale of ["SIGINT", "SIGTERM"] as const) {
  process.on(segnale, () => {
    console.error(`\nInterrotto (${segnale}): fermo il server.`);
    fermaSubito();
    process.exit(130);
  });
}
process.on("exit", fermaSubito);

main()
  .then(async (nonEseguiti) => {
    await fermaServer();
    process.exit(nonEseguiti ? 1 : 0);
  })
  .catch(async (e) => {
    await fermaServer();
    console.error(`\nBenchmark non eseguito: ${messaggio(e)}`);
    process.exit(1);
  });
