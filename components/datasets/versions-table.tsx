import { Badge } from "@/components/ui/badge";
import { Cell, Table } from "@/components/ui/table";
import { formatBytes } from "@/lib/datasets/format-bytes";
import type { DatasetVersionView } from "@/lib/schemas/datasets";

/** The dataset's immutable versions: each validated state, with its manifest. */
export function VersionsTable({ datasetName, versions }: { datasetName: string; versions: DatasetVersionView[] }) {
  return (
    <Table label="Versions" head={["Version", "State", "Files", "Size", "Images", "Labels", "Validated by", "When", "Manifest"]}>
      {versions.map((v) => (
        <tr key={v.id}>
          <Cell>
            <span className="font-medium">v{v.version}</span>
          </Cell>
          <Cell>{v.valid ? <Badge tone="good">valid</Badge> : <Badge tone="bad">{v.issueCount.toLocaleString("en")} issue(s)</Badge>}</Cell>
          <Cell>{v.fileCount.toLocaleString("en")}</Cell>
          <Cell>{formatBytes(v.totalBytes)}</Cell>
          <Cell>{v.imageCount.toLocaleString("en")}</Cell>
          <Cell>{v.labelCount.toLocaleString("en")}</Cell>
          <Cell>{v.createdBy ?? "—"}</Cell>
          <Cell>
            <time dateTime={v.createdAt}>{v.createdAt.slice(0, 16).replace("T", " ")} UTC</time>
          </Cell>
          <Cell>
            {v.manifestKey ? (
              <a className="text-indigo-600 hover:underline" href={`/api/v1/datasets/${encodeURIComponent(datasetName)}/versions/${v.version}/manifest`}>
                files + sha256
              </a>
            ) : (
              "—"
            )}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
