import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Sha256 } from "./sha256";

describe("browser sha256", () => {
  it("matches Node's sha256 however the data is split", () => {
    for (const size of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const data = randomBytes(size);
      const expected = createHash("sha256").update(data).digest("hex");
      expect(new Sha256().update(data).hex()).toBe(expected);
      const hasher = new Sha256();
      for (let at = 0; at < size; at += 37) hasher.update(data.subarray(at, at + 37));
      expect(hasher.hex()).toBe(expected);
    }
  });
});
