import { describe, expect, it } from "vitest";
import { graficoSvg, opzioniGrafico } from "./charts";
import { serieSchema, type Serie } from "./content/blocks";

const serie = (p: Partial<Serie> = {}): Serie =>
  serieSchema.parse({
    tipo: "serie",
    titolo: "Partecipanti",
    grafico: "barre",
    unita: "partecipanti",
    categorie: ["2015", "2016"],
    serie: [{ nome: "Partecipanti", valori: [10_000, 15_000] }],
    ...p,
  });

describe("grafici: gli anni sull'asse come scritti, i valori all'italiana", () => {
  it("le categorie sono gli anni come testo, senza separatore", () => {
    const o = opzioniGrafico(serie()) as { xAxis: { data: string[] }; yAxis: { axisLabel: { formatter: (v: number) => string } } };
    expect(o.xAxis.data).toEqual(["2015", "2016"]);
    expect(o.yAxis.axisLabel.formatter(15_000)).toBe("15.000");
  });

  it("nel disegno compaiono 2015 e 2016, mai 2.015 o 2.016", () => {
    const svg = graficoSvg(serie())!;
    expect(svg).toContain(">2015<");
    expect(svg).toContain(">2016<");
    expect(svg).not.toMatch(/2\.01[56]/);
  });

  it("anche le etichette della torta tengono gli anni come scritti", () => {
    const o = opzioniGrafico(serie({ grafico: "torta" })) as { series: { data: { name: string }[]; label: { formatter: (p: { name: string; value: unknown }) => string } }[] };
    expect(o.series[0].data.map((d) => d.name)).toEqual(["2015", "2016"]);
    expect(o.series[0].label.formatter({ name: "2016", value: 15_000 })).toBe("2016: 15.000");
  });
});
