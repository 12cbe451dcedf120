"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteVersionAction } from "@/app/(console)/models/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { modelHref } from "./format";

/**
 * Deleting a version: the user types `<model>:<version>` to confirm. The console refuses while an
 * endpoint serves it or an alias points at it, and says which.
 */
export function DeleteVersionPanel({ modelName, version, blockers }: { modelName: string; version: string; blockers: string[] }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const expected = `${modelName}:${version}`;

  if (!open) {
    return (
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete version
      </Button>
    );
  }
  return (
    <div role="group" aria-label="Delete version" className="space-y-3 rounded-lg border border-red-200 p-4 dark:border-red-900">
      {blockers.length > 0 && (
        <p className="text-sm text-red-700 dark:text-red-400">
          This version cannot be deleted yet: {blockers.join("; ")}.
        </p>
      )}
      <p className="text-sm">
        This deletes the version&apos;s files from the bucket. Type <code className="font-mono font-semibold">{expected}</code> to confirm.
      </p>
      <label htmlFor="delete-confirm" className="sr-only">
        Type {expected} to confirm
      </label>
      <Input name="delete-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" placeholder={expected} />
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={typed !== expected || pending}
          onClick={() =>
            startTransition(async () => {
              const result = await deleteVersionAction({ modelName, version, confirm: typed });
              if (!result.ok) return void toast.error(result.error);
              toast.success(`${expected} deleted`);
              router.push(modelHref(modelName));
            })
          }
        >
          {pending ? "Deleting…" : `Delete ${expected}`}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </div>
  );
}
