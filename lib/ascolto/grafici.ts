/**
 * The charts of /ascolto, drawn on the server as SVG like every chart of the app
 * (lib/charts.ts): the series over time and the distribution are plain `Serie` blocks
 * for SerieView; the averages per ambito are horizontal bars on a fixed 1–5 scale,
 * since ambito titles are too long for a category axis.
 */
import "server-only";
import * as echarts from "echarts";
import type { Serie } from "../content/blocks";
import { formatNumero } from "../numbers/format";
import type { Aggregato, PuntoAndamento } from "./aggregazione";

const media1 = (m: number | null) => (m === null ? null : Math.round(m * 10) / 10);

export function serieDistribuzione(a: Aggregato, titolo = "Quante stelle"): Serie {
  return {
    tipo: "serie",
    titolo,
    grafico: "barre",
    categorie: ["1 stella", "2 stelle", "3 stelle", "4 stelle", "5 stelle"],
    serie: [{ nome: "Valutazioni", valori: [...a.distribuzione] }],
  };
}

export function serieConteggi(punti: PuntoAndamento[], titolo: string): Serie {
  return { tipo: "serie", titolo, grafico: "barre", categorie: punti.map((p) => p.etichetta), serie: [{ nome: "Valutazioni", valori: punti.map((p) => p.conteggio) }] };
}

export function serieMedie(punti: PuntoAndamento[], titolo: string): Serie {
  return { tipo: "serie", titolo, grafico: "linee", unita: "su 5", categorie: punti.map((p) => p.etichetta), serie: [{ nome: "Media delle stelle", valori: punti.map((p) => media1(p.media)) }] };
}

/** Horizontal bars of averages (1–5), one per label, in the given order. */
export function graficoMedieSvg(voci: { etichetta: string; media: number | null }[], larghezza = 640): string | null {
  if (voci.length === 0) return null;
  const altezza = 40 + voci.length * 28;
  const tronca = (s: string) => (s.length > 38 ? `${s.slice(0, 37)}…` : s);
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: larghezza, height: altezza });
  chart.setOption({
    animation: false,
    color: ["#0066cc"],
    textStyle: { fontFamily: "Titillium Web, Geneva, Tahoma, sans-serif", color: "#1a1a1a" },
    grid: { left: 250, right: 40, top: 10, bottom: 30 },
    xAxis: { type: "value", min: 0, max: 5, interval: 1 },
    yAxis: { type: "category", inverse: true, data: voci.map((v) => tronca(v.etichetta)) },
    series: [
      {
        type: "bar",
        name: "Media delle stelle",
        data: voci.map((v) => media1(v.media)),
        label: { show: true, position: "right", formatter: (p: { value: unknown }) => (typeof p.value === "number" ? formatNumero(p.value, { decimali: 1 }) : "—") },
      },
    ],
  } as echarts.EChartsOption);
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
