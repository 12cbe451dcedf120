export const NAV_ITEMS = [
  { href: "/datasets", label: "Datasets" },
  { href: "/runs", label: "Runs" },
  { href: "/models", label: "Models" },
  { href: "/endpoints", label: "Endpoints" },
  { href: "/pipelines", label: "Pipelines" },
  { href: "/settings", label: "Settings" },
] as const;

/** Words for path segments in breadcrumbs; other segments (names, ids) are shown as they are. */
export const SEGMENT_LABELS: Record<string, string> = {
  ...Object.fromEntries(NAV_ITEMS.map((item) => [item.href.slice(1), item.label])),
  new: "New",
  targets: "Targets",
  "api-tokens": "API tokens",
  users: "Users",
  audit: "Audit log",
  tests: "Tests",
  preview: "Preview",
  synthesize: "Generate synthetic",
  compare: "Compare",
  versions: "Versions",
};
