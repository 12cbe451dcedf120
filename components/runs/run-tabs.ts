// The run page's tabs; a plain module so the server page can read `?tab=` against the same list.
export const RUN_TABS = [
  { id: "overview", label: "Overview" },
  { id: "logs", label: "Logs" },
  { id: "curves", label: "Curves" },
  { id: "events", label: "Events" },
  { id: "request", label: "Request" },
] as const;

export type RunTab = (typeof RUN_TABS)[number]["id"];

export function runTab(value: string | undefined): RunTab {
  return RUN_TABS.find((tab) => tab.id === value)?.id ?? "overview";
}
