import { describe, expect, it } from "vitest";
import { configChangeSchema, logQuerySchema } from "./runs";

describe("run schemas", () => {
  it("reads log flags from a query string as a script writes them", () => {
    expect(logQuerySchema.parse({ follow: "false", previous: "0" })).toMatchObject({ follow: false, previous: false });
    expect(logQuerySchema.parse({ follow: "true", previous: "1" })).toMatchObject({ follow: true, previous: true });
    expect(logQuerySchema.parse({})).toMatchObject({ follow: false, previous: false });
    expect(logQuerySchema.safeParse({ follow: "yes" }).success).toBe(false);
  });

  it("takes config changes in PaddleOCR's -o syntax only", () => {
    expect(configChangeSchema.safeParse("Global.epoch_num=10").success).toBe(true);
    expect(configChangeSchema.safeParse("Train.dataset.data_dir=/mnt/data-center/icdar").success).toBe(true);
    expect(configChangeSchema.safeParse("epoch_num=10").success).toBe(false);
  });
});
