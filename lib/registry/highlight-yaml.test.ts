import { describe, expect, it } from "vitest";
import { highlightYaml, yamlProblem } from "./highlight-yaml";

const config = `Global:
  use_gpu: true
  epoch_num: 1200
  save_model_dir: ./output/db_mv3/  # where checkpoints go
  character_dict_path: "ppocr/utils/ppocr_keys_v1.txt"
# Optimizer settings
Optimizer:
  lr:
    learning_rate: 0.001
  - DecodeImage:
      img_mode: BGR
  pretrained_model: ~
  image_shape: [3, 48, 320]`;

describe("config.yml highlighting", () => {
  const lines = highlightYaml(config);

  it("keeps every line's text exactly", () => {
    expect(lines.map((tokens) => tokens.map((t) => t.text).join(""))).toEqual(config.split("\n"));
  });

  it("colours keys, numbers, booleans, strings and comments as a reader expects", () => {
    const kinds = (n: number) => lines[n]!.filter((t) => t.kind !== "plain").map((t) => [t.kind, t.text]);
    expect(kinds(1)).toEqual([["key", "use_gpu"], ["punctuation", ":"], ["keyword", "true"]]);
    expect(kinds(2)).toEqual([["key", "epoch_num"], ["punctuation", ":"], ["number", "1200"]]);
    expect(kinds(3)).toEqual([["key", "save_model_dir"], ["punctuation", ":"], ["string", "./output/db_mv3/"], ["comment", "# where checkpoints go"]]);
    expect(kinds(4)).toContainEqual(["string", '"ppocr/utils/ppocr_keys_v1.txt"']);
    expect(kinds(5)).toEqual([["comment", "# Optimizer settings"]]);
    expect(kinds(9)).toEqual([["punctuation", "- "], ["key", "DecodeImage"], ["punctuation", ":"]]);
    expect(kinds(11)).toEqual([["key", "pretrained_model"], ["punctuation", ":"], ["keyword", "~"]]);
  });

  it("says when a config is not valid YAML", () => {
    expect(yamlProblem("Global:\n  a: 1\n")).toBeNull();
    expect(yamlProblem("Global:\n  a: [1, 2\n")).toMatch(/./);
  });
});
