// What a version folder holds, read from its file names, for versions written by other tools
// (PaddleCloud's model hub uploads one `<model>.tar.gz`; export_model.py writes inference files;
// training leaves checkpoints).

export type ModelFormat =
  | "paddleocr-onnx/v1"
  | "paddle-inference"
  | "paddle-serving"
  | "paddle-checkpoint"
  | "onnx"
  | "paddlecloud-tarball"
  | "sagemaker-model-tarball"
  | "unknown";

export function inferFormat(modelName: string, fileNames: string[]): ModelFormat {
  const names = new Set(fileNames.map((f) => f.split("/").pop() ?? f));
  const has = (name: string) => names.has(name);
  const any = (suffix: string) => [...names].some((n) => n.endsWith(suffix));
  if (has("det.onnx") && has("rec.onnx")) return "paddleocr-onnx/v1";
  if (has("serving_server_conf.prototxt") || fileNames.some((f) => f.includes("serving_server/"))) return "paddle-serving";
  // export_model.py: inference.pdmodel (or inference.json since PaddlePaddle 3) + inference.pdiparams.
  if ((any(".pdmodel") || has("inference.json")) && any(".pdiparams")) return "paddle-inference";
  if (has(`${modelName}.tar.gz`)) return "paddlecloud-tarball";
  if (has("model.tar.gz")) return "sagemaker-model-tarball";
  if (any(".onnx")) return "onnx";
  // tools/train.py: best_accuracy.pdparams / .pdopt / .states.
  if (any(".pdparams")) return "paddle-checkpoint";
  return "unknown";
}
