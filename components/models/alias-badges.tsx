import { Badge } from "@/components/ui/badge";

/** Aliases as badges; production stands out. */
export function AliasBadges({ aliases, withVersion = false }: { aliases: Array<{ alias: string; version?: string }>; withVersion?: boolean }) {
  if (aliases.length === 0) return <span className="text-zinc-400">—</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {aliases.map((a) => (
        <Badge key={a.alias} tone={a.alias === "production" ? "good" : "info"}>
          {a.alias}
          {withVersion && a.version !== undefined ? ` → ${a.version}` : ""}
        </Badge>
      ))}
    </span>
  );
}
