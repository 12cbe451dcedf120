import { bench, describe } from "vitest";
import { synthesizeDatasetSchema, type SynthesisOptions } from "@/lib/schemas/synthesize";
import type { DatasetSink } from "./dataset-sink";
import { generateSyntheticDataset } from "./generate-dataset";

// Rendering speed of the generator alone (files go nowhere): clean recognition lines, lines with every
// effect, and detection pages. Samples per second = count / mean time.
const discard: DatasetSink = { write: async () => undefined };
const TEXT = "invoice total amount paid order number date receipt customer address shipping station market window 2026 17.50";

function options(overrides: Record<string, unknown>): SynthesisOptions {
  return { ...synthesizeDatasetSchema.parse({ name: "bench", task: "rec", text: TEXT, count: 50, ...overrides }), seed: 1 } as SynthesisOptions;
}

describe("synthetic generator", () => {
  bench("50 rec lines, clean", async () => {
    await generateSyntheticDataset(options({}), discard);
  });
  bench("50 rec lines, blur + noise + gradient/grain + rotation, 3 fonts", async () => {
    await generateSyntheticDataset(
      options({ blur: 1.5, noise: 16, rotation: 5, backgrounds: ["gradient", "noise"], fonts: ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"] }),
      discard,
    );
  });
  bench("10 det pages 960×720, 3–8 lines", async () => {
    await generateSyntheticDataset(options({ task: "det", count: 10, noise: 8 }), discard);
  });
});
