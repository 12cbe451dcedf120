"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { rescanBucketAction } from "@/app/(console)/models/actions";
import { Button } from "@/components/ui/button";

/** Picks up versions that pipelines and other tools wrote to the registry bucket. */
export function RescanButton() {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await rescanBucketAction(null);
          if (!result.ok) return void toast.error(result.error);
          const { versions, added, bucket } = result.data;
          toast.success(`${bucket}: ${versions} version${versions === 1 ? "" : "s"} found, ${added} new`);
        })
      }
    >
      {pending ? "Scanning…" : "Rescan bucket"}
    </Button>
  );
}
