// A stand-in for PaddleOCR's tools/export_model.py, for tests only: reads the trained checkpoint named
// by Global.pretrained_model (`<prefix>.pdparams`) and writes an inference model folder to
// Global.save_inference_dir (inference.pdmodel, .pdiparams, .pdiparams.info, inference.yml).
// `-o Global.fake_export_mode=crash` fails it like a broken export.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { loadConfig, logger, traceback } from "./program";

const config = loadConfig("export_model.py");
const global = config.Global!;
const log = logger(null);
const pretrained = global.pretrained_model ? String(global.pretrained_model) : null;
if (!pretrained || !existsSync(`${pretrained}.pdparams`)) {
  traceback("export_model.py", ['  File "ppocr/utils/save_load.py", line 170, in load_model'], `AssertionError: The ${pretrained}.pdparams does not exists!`);
}
if (global.fake_export_mode === "crash") {
  traceback("export_model.py", ['  File "tools/export_model.py", line 120, in export_single_model'], "RuntimeError: The fake exporter was told to crash (Global.fake_export_mode=crash).");
}
log(`load pretrain successful from ${pretrained}`);
const dir = String(global.save_inference_dir ?? "./inference");
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "inference.pdmodel"), Buffer.from("fake inference program\n"));
writeFileSync(path.join(dir, "inference.pdiparams"), Buffer.from("fake inference params\n"));
writeFileSync(path.join(dir, "inference.pdiparams.info"), Buffer.from("fake params info\n"));
writeFileSync(path.join(dir, "inference.yml"), stringify({ Global: { model_name: path.basename(pretrained) }, PostProcess: config.PostProcess ?? {} }));
log(`inference model is saved to ${path.join(dir, "inference")}`);
