/**
 * Charts drawn on the server as SVG with ECharts' SSR renderer: the page,
 * the public edition and the PDF show the same picture without client JavaScript.
 */
import * as echarts from "echarts";
import type { Serie } from "./content/blocks";
import { formatNumero } from "./numbers/format";

// Bootstrap Italia's primary blue first, then colours distinguishable on white.
const COLORI = ["#0066cc", "#d1344c", "#008055", "#cc7a00", "#5c6f82", "#7c3aa6", "#00838f"];

/** The ECharts option of a series: one definition for the server SVG and the editor's live preview. */
export function opzioniGrafico(s: Serie): echarts.EChartsOption {
  const etichetta = (v: number) => formatNumero(v);
  const torta = s.grafico === "torta";
  return {
    animation: false,
    color: COLORI,
    textStyle: { fontFamily: "Titillium Web, Geneva, Tahoma, sans-serif", color: "#1a1a1a" },
    legend: s.serie.length > 1 || torta ? { bottom: 0 } : undefined,
    grid: torta ? undefined : { left: 60, right: 20, top: 20, bottom: s.serie.length > 1 ? 60 : 30 },
    xAxis: torta ? undefined : { type: "category", data: s.categorie },
    yAxis: torta ? undefined : { type: "value", axisLabel: { formatter: etichetta } },
    series: torta
      ? [
          {
            type: "pie",
            radius: "65%",
            data: s.categorie.map((c, i) => ({ name: c, value: s.serie[0]?.valori[i] ?? null })),
            label: { formatter: (p: { name: string; value: unknown }) => `${p.name}: ${typeof p.value === "number" ? etichetta(p.value) : "—"}` },
          },
        ]
      : s.serie.map((r) => ({
          type: s.grafico === "linee" ? "line" : "bar",
          name: r.nome,
          stack: s.grafico === "barre-in-pila" ? "totale" : undefined,
          data: r.valori,
        })),
  } as echarts.EChartsOption;
}

/** True when there is something to draw. */
export function graficoDisegnabile(s: Serie): boolean {
  return !s.datiMancanti && s.serie.length > 0 && s.categorie.length > 0;
}

export function graficoSvg(s: Serie, larghezza = 640, altezza = 320): string | null {
  if (!graficoDisegnabile(s)) return null;
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: larghezza, height: altezza });
  chart.setOption(opzioniGrafico(s));
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}
