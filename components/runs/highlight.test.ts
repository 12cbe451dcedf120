import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";

const kinds = (tokens: ReturnType<typeof highlight>, kind: string) => tokens.filter((t) => t.kind === kind).map((t) => t.text);

describe("highlighting the request a run will send", () => {
  it("never changes the text: the tokens join back into exactly what is sent", () => {
    const samples = [
      ["yaml", 'apiVersion: batch.paddlepaddle.org/v1\nkind: PaddleJob\nmetadata:\n  name: "det-1" # the run\nspec:\n  worker:\n    replicas: 2\n    - name: x\n'],
      ["json", '{"TrainingJobName":"det-1","ResourceConfig":{"InstanceCount":1,"VolumeSizeInGB":30.5},"EnableSpot":false,"Tags":null}'],
      ["shell", "python3 tools/train.py -c configs/det/det_mv3_db.yml -o Global.epoch_num=10 'Train.dataset.label_file_list=[\"a b.txt\"]' # done"],
    ] as const;
    for (const [language, text] of samples) expect(highlight(text, language).map((t) => t.text).join("")).toBe(text);
  });

  it("marks YAML keys, quoted strings, numbers and comments", () => {
    const tokens = highlight('metadata:\n  name: "det-1" # the run\n  replicas: 2\n', "yaml");
    expect(kinds(tokens, "key")).toEqual(["metadata", "  name", "  replicas"]);
    expect(kinds(tokens, "string")).toEqual(['"det-1"']);
    expect(kinds(tokens, "comment")).toEqual(["# the run"]);
    expect(kinds(tokens, "number")).toEqual(["2"]);
  });

  it("tells JSON keys from string values", () => {
    const tokens = highlight('{"Name":"det-1","Count":1,"Spot":false}', "json");
    expect(kinds(tokens, "key")).toEqual(['"Name"', '"Count"', '"Spot"']);
    expect(kinds(tokens, "string")).toEqual(['"det-1"']);
    expect(kinds(tokens, "number")).toEqual(["1"]);
    expect(kinds(tokens, "keyword")).toEqual(["false"]);
  });

  it("marks flags and PaddleOCR override keys on a command line", () => {
    const tokens = highlight("python3 tools/train.py -c a.yml -o Global.epoch_num=10 Global.use_gpu=false", "shell");
    expect(kinds(tokens, "flag")).toEqual(["-c", "-o"]);
    expect(kinds(tokens, "key")).toEqual(["Global.epoch_num", "Global.use_gpu"]);
    expect(kinds(tokens, "number")).toEqual(["10"]);
  });
});
