/** The three PaddleOCR label formats: text detection, text recognition, text-direction classification. */
export type LabelTask = "det" | "rec" | "cls";

export type ValidationIssueKind =
  | "malformed_line"
  | "bad_json"
  | "missing_image"
  | "duplicate_image"
  | "box_outside_image"
  | "too_few_points"
  | "empty_transcription"
  | "unknown_characters"
  | "bad_label"
  | "unreadable_image"
  /** Bytes that are not UTF-8 (PaddleOCR reads label files as UTF-8 and stops there), or a UTF-16 file. */
  | "not_utf8"
  /** A label file or the dictionary named at registration is not in the dataset; `line` is 0. */
  | "missing_label_file";

export interface LineRef {
  file: string;
  /** 1-based, counted in the label file as written (blank lines included). */
  line: number;
}

/** Machine-readable specifics, so a UI can highlight what the message says in words. */
export interface ValidationIssueDetail {
  imagePath?: string;
  /** 1-based position of the box within a det line, as in the message. */
  box?: number;
  /** How many [x, y] pairs the box has. */
  points?: number;
  /** Offending point, for boxes outside the image. */
  point?: [number, number];
  imageSize?: { w: number; h: number };
  /** Characters absent from the dictionary, in order of first appearance on the line. */
  characters?: string[];
  /** The label as found, for bad cls labels. */
  label?: string;
  /** Where the image was first listed, for duplicates. */
  firstSeen?: LineRef;
  /** Why an image counts as missing: absent from disk, or its path leaves the dataset root. */
  reason?: "not_found" | "outside_root" | "not_a_file";
}

export interface ValidationIssue extends LineRef {
  kind: ValidationIssueKind;
  /** Starts with "line N: " and says what to change. */
  message: string;
  detail?: ValidationIssueDetail;
}

/** Inclusive bins: a value v falls in the bin with min <= v <= max (max null: no upper bound). */
export interface HistogramBin {
  min: number;
  max: number | null;
  count: number;
}

export interface LabelFileSummary {
  file: string;
  /** Lines read, not counting blank lines at the end of the file. */
  lines: number;
  /** Lines that yielded a usable sample (they may still carry issues, e.g. a missing image). */
  samples: number;
}

export interface ValidationReport {
  task: LabelTask;
  labelFiles: LabelFileSummary[];
  images: {
    /** Distinct image paths referenced by all label files together. */
    referenced: number;
    /** Distinct images present under the root and readable as images. */
    found: number;
    /** Distinct images absent, not regular files, or outside the root. */
    missing: number;
    /** Distinct images present whose header could not be read. */
    unreadable: number;
    /** Lines that list an image already listed before (in the same or an earlier label file). */
    duplicates: number;
  };
  /** det only; zeros for rec and cls. */
  boxes: { total: number; ignored: number; outside: number };
  /** Present when a dictionary was given. */
  charset?: {
    dictionarySize: number;
    unknown: Record<string, number>;
    /** The first few lines where each unknown character appears. */
    examples: Record<string, LineRef[]>;
  };
  /** Sorted by label file (in the order given), then line. */
  issues: ValidationIssue[];
  /** Issues found beyond `maxIssues` and left out of `issues`. */
  issuesTruncated: number;
  /** All issues by kind, including those left out of `issues`. */
  issueCounts: Partial<Record<ValidationIssueKind, number>>;
  stats: {
    /** det only. */
    boxesPerImage: HistogramBin[];
    /** rec labels, or det transcriptions other than "###"; in Unicode code points, as PaddleOCR counts them. */
    textLength: HistogramBin[];
    /** The 100 most frequent characters, most frequent first. */
    charFrequency: Array<{ char: string; count: number }>;
    /** The 50 most common image sizes (after EXIF orientation), most common first. */
    imageSizes: Array<{ w: number; h: number; count: number }>;
  };
  /** True when no issue of any kind was found. */
  ok: boolean;
}

export interface ValidationProgress {
  file: string;
  linesRead: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ValidateDatasetOptions {
  task: LabelTask;
  /** Local directory of the dataset; image paths in label files are relative to it, as PaddleOCR's data_dir. */
  root: string;
  /** Label files, relative to root or absolute. */
  labelFiles: string[];
  /** Path of a PaddleOCR character dictionary: one character per line. */
  dictionary?: string;
  /** PaddleOCR's use_space_char: the space is a known character even though the dictionary cannot list it. */
  useSpaceChar?: boolean;
  onProgress?(p: ValidationProgress): void;
  signal?: AbortSignal;
  /** Default 1000. */
  maxIssues?: number;
  /** Image headers read at once. Default 4. */
  imageConcurrency?: number;
}
