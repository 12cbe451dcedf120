import { configChangeSchema } from "@/lib/schemas/runs";

// The new-run form edits PaddleOCR's `-o Key.Sub=value` overrides as a key/value table. These pure
// helpers translate between the table and the list the run contract carries, and say what is wrong
// with a row in the same words the server would.

export interface ConfigChangeRow {
  /** Stable across edits so React keeps focus in the row being typed in. */
  id: string;
  key: string;
  value: string;
}

let rowCounter = 0;
export function newRow(key = "", value = ""): ConfigChangeRow {
  rowCounter += 1;
  return { id: `change-${rowCounter}`, key, value };
}

/** `Global.epoch_num=10` → key `Global.epoch_num`, value `10` (the value may itself hold `=`). */
export function rowsFromChanges(changes: readonly string[]): ConfigChangeRow[] {
  return changes.map((change) => {
    const at = change.indexOf("=");
    return at < 0 ? newRow(change.trim(), "") : newRow(change.slice(0, at).trim(), change.slice(at + 1).trim());
  });
}

export interface ChangesFromRows {
  changes: string[];
  /** Row id → the problem with that row. */
  errors: Record<string, string>;
  /** Index in `changes` → row id, to place the server's `configChanges.N` errors on their row. */
  rowOfChange: string[];
}

/** Rows left entirely empty are ignored; every other row must be a valid, unique change. */
export function changesFromRows(rows: readonly ConfigChangeRow[]): ChangesFromRows {
  const changes: string[] = [];
  const errors: Record<string, string> = {};
  const rowOfChange: string[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const key = row.key.trim();
    const value = row.value.trim();
    if (!key && !value) continue;
    const change = `${key}=${value}`;
    const parsed = configChangeSchema.safeParse(change);
    if (!key) errors[row.id] = "Name the setting, e.g. Global.epoch_num";
    else if (!parsed.success) errors[row.id] = parsed.error.issues[0]?.message ?? "Not a valid change";
    else if (seen.has(key)) errors[row.id] = `${key} is already set above`;
    seen.set(key, row.id);
    changes.push(change);
    rowOfChange.push(row.id);
  }
  return { changes, errors, rowOfChange };
}

/** Places server field errors (`configChanges.2`) on the rows they belong to. */
export function serverErrorsByRow(fieldErrors: Record<string, string[]>, rowOfChange: readonly string[]): Record<string, string> {
  const byRow: Record<string, string> = {};
  for (const [field, messages] of Object.entries(fieldErrors)) {
    const match = /^configChanges\.(\d+)$/.exec(field);
    const rowId = match ? rowOfChange[Number(match[1])] : undefined;
    if (rowId && messages[0]) byRow[rowId] = messages[0];
  }
  return byRow;
}
