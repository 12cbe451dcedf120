"use client";

import Link from "next/link";
import { Cell, Table } from "@/components/ui/table";
import type { EndpointView } from "@/lib/schemas/endpoints";
import { EndpointStateBadge } from "./endpoint-state-badge";
import { useEndpoints } from "./use-endpoints";

export function EndpointsTable({ initial }: { initial: EndpointView[] }) {
  const { data: endpoints } = useEndpoints(initial);
  return (
    <Table label="Endpoints" head={["Name", "State", "Target", "Model version", "Restarts", ""]}>
      {endpoints.map((endpoint) => (
        <tr key={endpoint.id}>
          <Cell>
            <Link href={`/endpoints/${endpoint.name}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
              {endpoint.name}
            </Link>
          </Cell>
          <Cell>
            <span title={endpoint.reason ?? undefined}>
              <EndpointStateBadge state={endpoint.state} />
            </span>
          </Cell>
          <Cell>{endpoint.target}</Cell>
          <Cell mono>
            {endpoint.model.name}:{endpoint.model.version}
          </Cell>
          <Cell>{endpoint.restarts}</Cell>
          <Cell>
            <Link href={`/endpoints/${endpoint.name}`} className="text-sm text-indigo-600 hover:underline">
              Test →
            </Link>
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
