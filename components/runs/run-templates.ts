// Starting points for the new-run form: PaddleOCR's own configs with the changes teams usually make
// to them. A template only prefills the config path and the change table; everything stays editable.

export interface RunTemplate {
  id: string;
  label: string;
  task: "det" | "rec";
  configPath: string;
  /** Suggested model name when the form has none yet. */
  modelName: string;
  description: string;
  configChanges: string[];
}

export const RUN_TEMPLATES: RunTemplate[] = [
  {
    id: "det-ppocrv4-student",
    label: "Detection · PP-OCRv4 student (DB)",
    task: "det",
    configPath: "configs/det/ch_PP-OCRv4/ch_PP-OCRv4_det_student.yml",
    modelName: "ppocrv4-det",
    description: "The PP-OCRv4 mobile detector (PPLCNetV3 backbone, DB head) — the usual choice to fine-tune on your own documents.",
    configChanges: [
      "Global.epoch_num=100",
      "Global.eval_batch_step=[0,200]",
      "Global.print_batch_step=10",
      "Train.loader.batch_size_per_card=8",
      "Optimizer.lr.learning_rate=0.001",
    ],
  },
  {
    id: "det-mv3-db",
    label: "Detection · MobileNetV3 DB",
    task: "det",
    configPath: "configs/det/det_mv3_db.yml",
    modelName: "det-mv3-db",
    description: "The classic light DB detector on MobileNetV3 — quick to train, a good baseline.",
    configChanges: [
      "Global.epoch_num=50",
      "Global.eval_batch_step=[0,500]",
      "Global.print_batch_step=10",
      "Train.loader.batch_size_per_card=8",
      "Optimizer.lr.learning_rate=0.001",
    ],
  },
  {
    id: "rec-ppocrv4",
    label: "Recognition · PP-OCRv4 (SVTR-LCNet)",
    task: "rec",
    configPath: "configs/rec/PP-OCRv4/ch_PP-OCRv4_rec.yml",
    modelName: "ppocrv4-rec",
    description: "The PP-OCRv4 mobile recognizer (multi-head CTC + NRTR) — fine-tune it on your line images and dictionary.",
    configChanges: [
      "Global.epoch_num=50",
      "Global.eval_batch_step=[0,500]",
      "Global.print_batch_step=10",
      "Global.max_text_length=25",
      "Train.loader.batch_size_per_card=64",
      "Optimizer.lr.learning_rate=0.0005",
    ],
  },
  {
    id: "rec-mv3-bilstm-ctc",
    label: "Recognition · MobileNetV3 BiLSTM CTC (CRNN)",
    task: "rec",
    configPath: "configs/rec/rec_mv3_none_bilstm_ctc.yml",
    modelName: "rec-mv3-crnn",
    description: "CRNN with a MobileNetV3 backbone and CTC — small and well understood, a good baseline.",
    configChanges: [
      "Global.epoch_num=72",
      "Global.eval_batch_step=[0,2000]",
      "Global.print_batch_step=10",
      "Train.loader.batch_size_per_card=256",
      "Optimizer.lr.learning_rate=0.0005",
    ],
  },
];

export function templateById(id: string): RunTemplate | undefined {
  return RUN_TEMPLATES.find((template) => template.id === id);
}

/** The template whose config a run uses, to preselect it when a run is cloned. */
export function templateForConfig(configPath: string): RunTemplate | undefined {
  return RUN_TEMPLATES.find((template) => template.configPath === configPath.trim());
}

/** det or rec, read from where PaddleOCR keeps the config (`configs/det/…`, `configs/rec/…`). */
export function taskOfConfig(configPath: string): "det" | "rec" | "cls" | null {
  const match = /(?:^|\/)configs\/(det|rec|cls)\//.exec(configPath.trim());
  return match ? (match[1] as "det" | "rec" | "cls") : null;
}
