import { synthesizeDatasetSchema, type SynthesisCapabilities } from "@/lib/schemas/synthesize";
import { installedFonts } from "./installed-fonts";

/** What the generator can use on this server (its fonts), and the defaults a request starts from. */
export async function synthesisCapabilities(): Promise<SynthesisCapabilities> {
  const fonts = await installedFonts();
  // Parsing a minimal request fills in every default; the placeholders themselves are not defaults.
  const parsed: Record<string, unknown> = synthesizeDatasetSchema.parse({ name: "example", task: "rec", text: "example", count: 1000 });
  const defaults = Object.fromEntries(Object.entries(parsed).filter(([key]) => !["name", "text", "task", "count"].includes(key)));
  return { fonts: fonts.families, cjk: fonts.cjk, defaults };
}
