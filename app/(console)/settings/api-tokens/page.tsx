import type { Metadata } from "next";
import { ApiTokenList } from "@/components/settings/api-token-list";
import { ApiTokenForm } from "@/components/forms/api-token-form";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { requireActor } from "@/lib/auth/require-actor";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensPage() {
  const actor = await requireActor();
  const tokens = await listApiTokens(await prisma(), actor);
  return (
    <div className="max-w-3xl space-y-6">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        API tokens let CI jobs and notebooks call the REST API under <code className="font-mono">/api/v1</code> as you,
        with your role. Send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. The API is described
        at{" "}
        <a className="text-indigo-600 hover:underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <ApiTokenForm />
      <ApiTokenList tokens={tokens} />
    </div>
  );
}
