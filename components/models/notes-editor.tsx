"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { updateNotesAction } from "@/app/(console)/models/actions";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";

/** A version's notes; editors change them in place (they are written to its model.json). */
export function NotesEditor({ modelName, version, notes, canEdit }: { modelName: string; version: string; notes: string | null; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(notes ?? "");
  const [pending, startTransition] = useTransition();
  const router = useRouter();

  if (!editing) {
    return (
      <div className="space-y-2">
        {notes ? <p className="whitespace-pre-wrap text-sm">{notes}</p> : <p className="text-sm text-zinc-500">No notes.</p>}
        {canEdit && (
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit notes
          </Button>
        )}
      </div>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await updateNotesAction({ modelName, version, notes: text });
          if (!result.ok) return void toast.error(result.error);
          toast.success("Notes saved");
          setEditing(false);
          router.refresh();
        });
      }}
    >
      <label htmlFor="version-notes" className="sr-only">
        Notes
      </label>
      <Textarea name="version-notes" rows={5} value={text} onChange={(e) => setText(e.target.value)} maxLength={10_000} />
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save notes"}
        </Button>
        <Button variant="ghost" onClick={() => setEditing(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
