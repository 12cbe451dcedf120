import { describe, expect, it } from "vitest";
import { boundingBox, formatBox, quadToPoints, type BoxPoint } from "./polygon-points";
import { FIT_VIEW, MAX_ZOOM, clampView, panBy, zoomAt, type ViewMetrics } from "./viewport";

const quad: [BoxPoint, BoxPoint, BoxPoint, BoxPoint] = [
  [10, 20],
  [90, 22],
  [88, 41],
  [9, 39],
];

describe("quadToPoints", () => {
  it("joins corners in order as SVG points", () => {
    expect(quadToPoints(quad)).toBe("10,20 90,22 88,41 9,39");
  });

  it("keeps fractional and negative coordinates intact", () => {
    expect(quadToPoints([[-1.5, 0], [2.25, 3]])).toBe("-1.5,0 2.25,3");
  });

  it("returns an empty string for no corners", () => {
    expect(quadToPoints([])).toBe("");
  });
});

describe("boundingBox", () => {
  it("encloses a skewed quad", () => {
    expect(boundingBox(quad)).toEqual({ x: 9, y: 20, width: 81, height: 21 });
  });

  it("is a zero rect for an empty box", () => {
    expect(boundingBox([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });

  it("handles a degenerate single point", () => {
    expect(boundingBox([[5, 7]])).toEqual({ x: 5, y: 7, width: 0, height: 0 });
  });
});

describe("formatBox", () => {
  it("is compact and rounded", () => {
    expect(formatBox([[1.4, 2.6], [3, 4]])).toBe("(1,3) (3,4)");
  });
});

describe("viewport", () => {
  // A 400×300 viewport showing 400×300 fitted content at its origin.
  const m: ViewMetrics = { viewportWidth: 400, viewportHeight: 300, contentWidth: 400, contentHeight: 300, offsetX: 0, offsetY: 0 };

  it("keeps the anchor point fixed while zooming", () => {
    const v = zoomAt(FIT_VIEW, 2, 100, 50, m);
    expect(v.zoom).toBe(2);
    // Content point (100, 50) must still be at screen (100, 50).
    expect(v.tx + 2 * 100).toBeCloseTo(100);
    expect(v.ty + 2 * 50).toBeCloseTo(50);
  });

  it("clamps zoom to its limits and returns to fit at 1", () => {
    expect(zoomAt(FIT_VIEW, 1000, 0, 0, m).zoom).toBe(MAX_ZOOM);
    expect(zoomAt({ zoom: 2, tx: -100, ty: -100 }, 0.1, 0, 0, m)).toEqual(FIT_VIEW);
  });

  it("cannot pan the content out of view", () => {
    const zoomed = { zoom: 2, tx: -200, ty: -150 };
    expect(panBy(zoomed, 10_000, 10_000, m)).toEqual({ zoom: 2, tx: 0, ty: 0 });
    expect(panBy(zoomed, -10_000, -10_000, m)).toEqual({ zoom: 2, tx: -400, ty: -300 });
  });

  it("centres content that is still narrower than the viewport", () => {
    // Tall image fitted by height: 100 px wide, centred at offset 150.
    const tall: ViewMetrics = { ...m, contentWidth: 100, offsetX: 150 };
    const v = clampView({ zoom: 2, tx: 999, ty: 0 }, tall);
    // Screen left = offset + tx = (400 - 200) / 2.
    expect(150 + v.tx).toBe(100);
  });
});
