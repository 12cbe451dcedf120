import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encodeFramedValue } from "./framing";
import { readLogFile } from "./reader";
import { normalizeTimestampMs, rocTpr, type VdlValue } from "./schema";

const sharedDir = process.env.OCR_CONSOLE_SHARED_DIR ?? path.resolve(process.cwd(), "../shared");
const logsDir = path.join(sharedDir, "reference/visualdl/real-logs");
if (!existsSync(logsDir)) {
  throw new Error(`VisualDL reference logs not found at ${logsDir}; set OCR_CONSOLE_SHARED_DIR to the shared directory`);
}
const files = readdirSync(logsDir).filter((f) => f.includes("vdlrecords")).sort();
const logPath = (prefix: string) => {
  const f = files.find((name) => name.startsWith(`${prefix}_vdlrecords`));
  if (!f) throw new Error(`no ${prefix} log in ${logsDir}`);
  return path.join(logsDir, f);
};

function byKind<K extends VdlValue["kind"]>(values: VdlValue[], kind: K): Extract<VdlValue, { kind: K }>[] {
  return values.filter((v): v is Extract<VdlValue, { kind: K }> => v.kind === kind);
}

describe("real VisualDL logs", () => {
  it("are all present (7 demo logs)", () => {
    expect(files).toHaveLength(7);
  });

  it.each(files)("%s parses to the last byte, and re-encodes to the identical bytes", async (name) => {
    const file = path.join(logsDir, name);
    // A small window forces records (the 330 KB embedding one especially) across window boundaries.
    const { values, nextOffset } = await readLogFile(file, { chunkBytes: 4096 });
    expect(nextOffset).toBe(statSync(file).size);
    // Every VisualDL LogWriter opens its file with a meta-data record.
    expect(values[0]).toMatchObject({ kind: "metaData", tag: "meta_data_tag", step: 0, displayName: "" });
    // Byte compatibility of the encoder: one Record per value, proto3 defaults omitted, packed arrays.
    const reencoded = Buffer.concat(values.map((v) => encodeFramedValue(v)));
    expect(reencoded.equals(readFileSync(file))).toBe(true);
  });

  it("hp_run2 holds hyper-parameters and 93 loss/acc points", async () => {
    const { values } = await readLogFile(logPath("hp_run2"));
    const [hp] = byKind(values, "hparams");
    expect(hp).toMatchObject({ tag: "hparam", step: 1, name: "dc7d8c91929f88f37d00eaacbd804f4d" });
    expect(hp!.hparams).toEqual([
      { name: "learning rate", type: "float", value: 0.0001 },
      { name: "batch size", type: "int", value: 64 },
      { name: "optimizer", type: "string", value: "Adam" },
    ]);
    expect(hp!.metrics).toEqual([
      { name: "train/loss", type: "float", value: 0 },
      { name: "train/acc", type: "float", value: 0 },
    ]);
    const loss = byKind(values, "scalar").filter((v) => v.tag === "train/loss");
    const acc = byKind(values, "scalar").filter((v) => v.tag === "train/acc");
    expect(loss).toHaveLength(93);
    expect(acc).toHaveLength(93);
    expect(loss.map((v) => v.step).slice(0, 3)).toEqual([10, 20, 30]);
    expect(loss.at(-1)!.step).toBe(930);
    // float32 on the wire: the decoded number is the float32 value exactly.
    expect(loss[0]!.value).toBe(Math.fround(3.789813995361328));
    expect(acc.at(-1)!.value).toBe(0.984375);
    expect(loss[0]!.timestampMs).toBeGreaterThan(1_621_667_988_000);
  });

  it("hp_run10 holds other hyper-parameters and 375 points per metric", async () => {
    const { values } = await readLogFile(logPath("hp_run10"));
    const [hp] = byKind(values, "hparams");
    expect(hp!.hparams.map((h) => [h.name, h.value])).toEqual([
      ["learning rate", 0.05],
      ["batch size", 16],
      ["optimizer", "Momentum"],
    ]);
    expect(byKind(values, "scalar").filter((v) => v.tag === "train/loss")).toHaveLength(375);
    expect(byKind(values, "scalar").filter((v) => v.tag === "train/acc").at(-1)!.step).toBe(3750);
  });

  it("hp_run9 is a run that only wrote its opening meta-data record (34 bytes)", async () => {
    const { values, nextOffset } = await readLogFile(logPath("hp_run9"));
    expect(nextOffset).toBe(34);
    expect(values).toEqual([{ kind: "metaData", tag: "meta_data_tag", step: 0, timestampMs: 1621669171133, displayName: "" }]);
  });

  it("pr_new holds 6 PR curves of 100 thresholds, with timestamps in seconds", async () => {
    const { values } = await readLogFile(logPath("pr_new"));
    const curves = byKind(values, "prCurve");
    expect(curves.map((c) => c.tag)).toEqual(
      ["bocai", "changqiezi", "hongxiancai", "huluobo", "xihongshi", "xilanhua"].map((n) => `vegetables_cls/${n}_pr_curve`),
    );
    for (const c of curves) {
      expect(c.step).toBe(0);
      for (const a of [c.tp, c.fp, c.tn, c.fn, c.precision, c.recall]) expect(a).toHaveLength(100);
      // 40 positives and 200 negatives: at threshold 0 everything is predicted positive.
      expect([c.tp[0], c.fp[0], c.tn[0], c.fn[0], c.recall[0]]).toEqual([40, 200, 0, 0, 1]);
      expect(c.precision[0]).toBeCloseTo(40 / 240, 12);
      // Old writer: seconds, not milliseconds.
      expect(c.timestampMs).toBe(1599819168);
      expect(normalizeTimestampMs(c.timestampMs)).toBe(1599819168000);
    }
  });

  it("roc holds 6 ROC curves whose stored tpr is VisualDL's TP/(TN+FP), not the true rate", async () => {
    const { values } = await readLogFile(logPath("roc"));
    const curves = byKind(values, "rocCurve");
    expect(curves).toHaveLength(6);
    expect(curves[0]!.tag).toBe("vegetables_cls/bocai_roc_curve");
    for (const c of curves) {
      expect(c.tpr).toHaveLength(100);
      expect(c.fpr[0]).toBe(1);
      expect(Math.max(...c.tpr)).toBeCloseTo(0.2, 12); // 40 / 200: the upstream formula
      expect(rocTpr(c)[0]).toBe(1); // recomputed from counts: all 40 positives found at threshold 0
    }
    expect(curves[0]!.timestampMs).toBe(1609220805872);
  });

  it("text holds 23 Chinese couplets under two tags", async () => {
    const { values } = await readLogFile(logPath("text"));
    const texts = byKind(values, "text");
    expect(texts).toHaveLength(23);
    expect(texts.filter((t) => t.tag === "output1").map((t) => t.step)).toEqual([...Array(11).keys()]);
    expect(texts.filter((t) => t.tag === "output2").map((t) => t.step)).toEqual([...Array(12).keys()]);
    expect(texts[0]!.text).toBe("上联: 众 佛 群 灵 光 圣 地\t下联: 众 生 一 念 证 菩 提");
  });

  it("hidi-new holds one embedding record: 3000 words x 25 dimensions", async () => {
    const { values } = await readLogFile(logPath("hidi-new"));
    expect(values.map((v) => v.kind)).toEqual(["metaData", "embeddings"]);
    const [emb] = byKind(values, "embeddings");
    expect(emb!.tag).toBe("default");
    expect(emb!.embeddings).toHaveLength(3000);
    expect(emb!.embeddings.every((e) => e.vector.length === 25 && e.labels.length === 1)).toBe(true);
    expect(emb!.embeddings.slice(0, 4).map((e) => e.labels[0])).toEqual(["<user>", ".", ":", "rt"]);
    expect(emb!.embeddings[0]!.vector[0]).toBe(Math.fround(0.62415));
    expect(emb!.labelMeta).toEqual([]);
  });
});
