import { describe, expect, it } from "vitest";
import { changesFromRows, newRow, rowsFromChanges, serverErrorsByRow } from "./config-changes";

describe("config changes as a key/value table", () => {
  it("splits each change at its first '=' and joins it back unchanged", () => {
    const changes = ["Global.epoch_num=10", "Train.dataset.label_file_list=[a=b.txt]", "Global.use_gpu="];
    const rows = rowsFromChanges(changes);
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ["Global.epoch_num", "10"],
      ["Train.dataset.label_file_list", "[a=b.txt]"],
      ["Global.use_gpu", ""],
    ]);
    expect(changesFromRows(rows).changes).toEqual(changes);
  });

  it("ignores blank rows and says what is wrong with the others, row by row", () => {
    const rows = [newRow("Global.epoch_num", "10"), newRow("", ""), newRow("epoch_num", "5"), newRow("", "7"), newRow("Global.epoch_num", "20")];
    const { changes, errors, rowOfChange } = changesFromRows(rows);
    expect(changes).toEqual(["Global.epoch_num=10", "epoch_num=5", "=7", "Global.epoch_num=20"]);
    expect(rowOfChange).toEqual([rows[0]!.id, rows[2]!.id, rows[3]!.id, rows[4]!.id]);
    expect(errors).toEqual({
      [rows[2]!.id]: "Write a change as Key.Sub=value, e.g. Global.epoch_num=10",
      [rows[3]!.id]: "Name the setting, e.g. Global.epoch_num",
      [rows[4]!.id]: "Global.epoch_num is already set above",
    });
  });

  it("puts the server's errors for configChanges.N on the row that produced change N", () => {
    const rows = [newRow("", ""), newRow("Global.a", "1"), newRow("Global.b", "2")];
    const { rowOfChange } = changesFromRows(rows);
    expect(serverErrorsByRow({ "configChanges.1": ["Not allowed"], name: ["Give the run a name"] }, rowOfChange)).toEqual({ [rows[2]!.id]: "Not allowed" });
  });
});
