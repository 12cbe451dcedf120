import { describe, expect, it } from "vitest";
import { synthesizeDatasetSchema } from "@/lib/schemas/synthesize";
import { colorList, synthesisInputFromForm } from "./synthesis-form-input";

function form(entries: Array<[string, string]>): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("synthesis form input", () => {
  it("turns the form into a request the schema accepts, empty fields taking their defaults", () => {
    const input = synthesisInputFromForm(
      form([
        ["name", "lines"],
        ["task", "det"],
        ["text", "a b c"],
        ["count", "50"],
        ["seed", ""],
        ["fonts", "DejaVu Sans"],
        ["fonts", "DejaVu Serif"],
        ["backgrounds", "solid"],
        ["backgrounds", "noise"],
        ["textColors", "#111111, #1e3a8a"],
        ["backgroundColors", "#ffffff"],
        ["fontSize.min", "20"],
        ["fontSize.max", "30"],
        ["page.width", "640"],
        ["page.height", "480"],
        ["page.lines.min", "2"],
        ["page.lines.max", "4"],
      ]),
    );
    const parsed = synthesizeDatasetSchema.safeParse(input);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toMatchObject({
      task: "det",
      count: 50,
      fonts: ["DejaVu Sans", "DejaVu Serif"],
      backgrounds: ["solid", "noise"],
      textColors: ["#111111", "#1e3a8a"],
      fontSize: { min: 20, max: 30 },
      page: { width: 640, height: 480, lines: { min: 2, max: 4 } },
      testFraction: 0.1,
    });
    expect(parsed.data!.seed).toBeUndefined();
  });

  it("names the field of a range whose minimum exceeds its maximum", () => {
    const parsed = synthesizeDatasetSchema.safeParse({ name: "x", task: "rec", text: "a", count: 1, fontSize: { min: 40, max: 20 } });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ["fontSize", "max"], message: "The minimum is larger than the maximum" });
  });

  it("reads colors separated by commas, spaces or lines", () => {
    expect(colorList("#111111,#222222\n#333333  #444444")).toEqual(["#111111", "#222222", "#333333", "#444444"]);
  });
});
