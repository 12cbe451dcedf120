import type { EndpointVariantView } from "@/lib/schemas/endpoints";

const TONE = { primary: "bg-indigo-500", canary: "bg-amber-500" } as const;

/** The endpoint's traffic as one bar: the primary's share, then the canary's. */
export function TrafficBar({ variants }: { variants: EndpointVariantView[] }) {
  const label = variants.map((v) => `${v.role} ${v.model.name}:${v.model.version} ${v.trafficPercent}%`).join(", ");
  return (
    <div>
      <div role="img" aria-label={`Traffic: ${label}`} data-testid="traffic-bar" className="flex h-6 w-full overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800">
        {variants
          .filter((v) => v.trafficPercent > 0)
          .map((v) => (
            <div key={v.role} className={`${TONE[v.role]} flex items-center justify-center text-xs font-medium text-white`} style={{ width: `${v.trafficPercent}%` }}>
              {v.trafficPercent >= 8 && `${v.trafficPercent}%`}
            </div>
          ))}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
        {variants.map((v) => (
          <li key={v.role} data-testid={`traffic-${v.role}`} className="flex items-center gap-2">
            <span className={`inline-block h-2.5 w-2.5 rounded-sm ${TONE[v.role]}`} aria-hidden />
            <span className="text-zinc-600 dark:text-zinc-400">{v.role === "primary" ? "Primary" : "Canary"}</span>
            <span className="font-mono text-xs">
              {v.model.name}:{v.model.version}
            </span>
            <span className="font-medium">{v.trafficPercent}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
