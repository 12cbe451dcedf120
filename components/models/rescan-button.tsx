"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { rescanBucketAction } from "@/app/(console)/models/actions";
import { Button } from "@/components/ui/button";

/** Picks up versions that pipelines and other tools wrote to the registry bucket. */
export function RescanButton() {
  const [pending, startTransition] = useTransition();
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await rescanBucketAction(null);
          if (!result.ok) return void toast.error(result.error);
          const { versions, added, removed, bucket } = result.data;
          toast.success(`${bucket}: ${versions} version${versions === 1 ? "" : "s"} found, ${added} new${removed ? `, ${removed} gone` : ""}`);
          void queryClient.invalidateQueries({ queryKey: ["models"] });
          router.refresh();
        })
      }
    >
      {pending ? "Scanning…" : "Rescan bucket"}
    </Button>
  );
}
