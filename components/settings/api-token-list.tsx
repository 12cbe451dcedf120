"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { revokeApiTokenAction } from "@/app/(console)/settings/api-tokens/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import type { ApiTokenView } from "@/lib/schemas/api-tokens";

const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "never");

export function ApiTokenList({ tokens }: { tokens: ApiTokenView[] }) {
  const [pending, startTransition] = useTransition();
  if (tokens.length === 0) return <p className="text-sm text-zinc-500">You have no API tokens.</p>;

  function revoke(token: ApiTokenView) {
    startTransition(async () => {
      const result = await revokeApiTokenAction(token.id);
      if (result.ok) toast.success(`Token ${token.name} revoked`);
      else toast.error(result.error);
    });
  }

  return (
    <Table label="API tokens" head={["Name", "Token", "Created", "Last used", "Status", ""]}>
      {tokens.map((token) => (
        <tr key={token.id}>
          <Cell>{token.name}</Cell>
          <Cell mono>{token.prefix}…</Cell>
          <Cell>{when(token.createdAt)}</Cell>
          <Cell>{when(token.lastUsedAt)}</Cell>
          <Cell>{token.revokedAt ? <Badge tone="bad">revoked</Badge> : <Badge tone="good">active</Badge>}</Cell>
          <Cell>
            {!token.revokedAt && (
              <Button variant="danger" disabled={pending} onClick={() => revoke(token)}>
                Revoke
              </Button>
            )}
          </Cell>
        </tr>
      ))}
    </Table>
  );
}
