import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./bar-chart";
import { Histogram } from "./histogram";
import { ScatterPlot } from "./scatter-plot";

// The charts render on the server; what a screen reader and a test can rely on is checked in their markup.

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe("SVG charts", () => {
  it("a histogram draws one bar per bin, labels its axes, and lists its numbers in a table", () => {
    const html = renderToStaticMarkup(
      createElement(Histogram, {
        title: "Text length",
        xLabel: "Characters per text",
        yLabel: "Texts",
        bins: [
          { min: 0, max: 0, count: 0 },
          { min: 1, max: 5, count: 120 },
          { min: 6, max: 10, count: 40 },
          { min: 101, max: null, count: 2 },
        ],
      }),
    );
    expect(count(html, 'data-testid="chart-bar"')).toBe(4);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="chart-text-length-title"');
    expect(html).toContain('id="chart-text-length-title"');
    expect(html).toContain("<title>1–5: 120</title>");
    expect(html).toContain("101+");
    expect(html).toContain("Characters per text");
    expect(html).toContain("the largest is 1–5 with 120");
    expect(html).toMatch(/<th scope="row">6–10<\/th><td>40<\/td>/);
  });

  it("says there is nothing to show instead of drawing empty axes", () => {
    const html = renderToStaticMarkup(createElement(BarChart, { title: "Character frequency", data: [], xLabel: "Character", yLabel: "Occurrences", emptyMessage: "No text." }));
    expect(html).toContain("No text.");
    expect(html).not.toContain("<svg");
  });

  it("a scatter plot sizes each point by its weight and names it", () => {
    const html = renderToStaticMarkup(
      createElement(ScatterPlot, {
        title: "Image sizes",
        xLabel: "Width (px)",
        yLabel: "Height (px)",
        weightLabel: "images",
        data: [
          { x: 640, y: 480, weight: 90, label: "640×480" },
          { x: 1280, y: 720, weight: 10, label: "1280×720" },
        ],
      }),
    );
    expect(count(html, 'data-testid="chart-point"')).toBe(2);
    expect(html).toContain("<title>640×480: 90 images</title>");
    const radii = [...html.matchAll(/ r="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(radii[0]).toBeGreaterThan(radii[1]!);
    expect(html).toContain("the most common is 640×480");
  });
});
