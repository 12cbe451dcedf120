import { describe, expect, it } from "vitest";
import { runsSearchParams, toggleSort } from "./runs-query";

describe("the runs list's query string", () => {
  it("leaves defaults out so every view has one address", () => {
    expect(runsSearchParams({ sort: "createdAt", order: "desc" }).toString()).toBe("");
    expect(runsSearchParams({ sort: "keyMetric", order: "desc", state: "Running", q: "det", cursor: "abc" }).toString()).toBe("q=det&state=Running&sort=keyMetric&cursor=abc");
  });

  it("flips the order on the same column and starts a new column from its natural order, on the first page", () => {
    const base = { sort: "createdAt", order: "desc", cursor: "x" } as const;
    expect(toggleSort(base, "createdAt")).toEqual({ sort: "createdAt", order: "asc", cursor: undefined });
    expect(toggleSort(base, "keyMetric")).toEqual({ sort: "keyMetric", order: "desc", cursor: undefined });
    expect(toggleSort(base, "name")).toEqual({ sort: "name", order: "asc", cursor: undefined });
  });
});
