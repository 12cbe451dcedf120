"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { deleteRunAction, registerRunModelAction, retryRunAction, stopRunAction } from "@/app/(console)/runs/actions";
import { Button, ButtonLink } from "@/components/ui/button";
import { Field, Input, Textarea } from "@/components/ui/field";
import type { RunView } from "@/lib/schemas/runs";
import { ModalDialog } from "./modal-dialog";
import { isActiveState } from "./run-state-badge";
import { runsKeys } from "./use-runs";

const runPath = (run: Pick<RunView, "name">) => `/runs/${encodeURIComponent(run.name)}`;

/** Stop, retry, clone, register model and delete — each offered only when it makes sense for the run's state. */
export function RunActions({ run, canEdit }: { run: RunView; canEdit: boolean }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<"register" | "delete" | null>(null);
  const active = isActiveState(run.state);

  const refresh = () => queryClient.invalidateQueries({ queryKey: runsKeys.all });

  function stop() {
    if (!confirm(`Stop run ${run.name}?`)) return;
    startTransition(async () => {
      const result = await stopRunAction(run.id);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Stopping ${run.name}`);
      queryClient.setQueryData(runsKeys.run(run.id), result.data);
      void refresh();
    });
  }

  function retry() {
    startTransition(async () => {
      const result = await retryRunAction(run.id);
      if (!result.ok) return void toast.error(result.error);
      toast.success(`Retrying as ${result.data.name}`);
      router.push(runPath(result.data));
    });
  }

  if (!canEdit) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {active && (
        <Button variant="danger" onClick={stop} disabled={pending || run.state === "Stopping"}>
          {run.state === "Stopping" ? "Stopping…" : "Stop"}
        </Button>
      )}
      {!active && (
        <Button variant="secondary" onClick={retry} disabled={pending} title="Launch again with the same parameters, as a new run">
          Retry
        </Button>
      )}
      <ButtonLink href={`/runs/new?from=${encodeURIComponent(run.id)}`} variant="secondary">
        Clone
      </ButtonLink>
      {run.state === "Succeeded" && (
        <Button variant="secondary" onClick={() => setDialog("register")} disabled={pending}>
          Register model
        </Button>
      )}
      {!active && (
        <Button variant="danger" onClick={() => setDialog("delete")} disabled={pending}>
          Delete
        </Button>
      )}
      <RegisterModelDialog run={run} open={dialog === "register"} onClose={() => setDialog(null)} onRegistered={refresh} />
      <DeleteRunDialog run={run} open={dialog === "delete"} onClose={() => setDialog(null)} />
    </div>
  );
}

function RegisterModelDialog({ run, open, onClose, onRegistered }: { run: RunView; open: boolean; onClose(): void; onRegistered(): void }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [modelName, setModelName] = useState(run.modelName);
  const [version, setVersion] = useState("");
  const [notes, setNotes] = useState("");

  function register(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await registerRunModelAction({
        run: run.id,
        model: { modelName: modelName.trim() || undefined, version: version.trim() || undefined, notes: notes.trim() || null },
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setError(result.fieldErrors && !("_" in result.fieldErrors) ? null : result.error);
        return;
      }
      const { modelName: name, version: registered } = result.data;
      toast.success(`Registered ${name} version ${registered}`);
      onRegistered();
      onClose();
      router.refresh(); // the lineage on the Overview
    });
  }

  return (
    <ModalDialog title="Register the trained model" open={open} onClose={onClose}>
      <form onSubmit={register} noValidate className="space-y-3" aria-label="Register model">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The run&apos;s inference model becomes a version in the team&apos;s registry, with its metrics and this run and its dataset as lineage.
        </p>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <Field label="Model name" name="register-modelName" errors={errors.modelName}>
          <Input name="register-modelName" value={modelName} onChange={(e) => setModelName(e.target.value)} invalid={Boolean(errors.modelName)} />
        </Field>
        <Field label="Version" name="register-version" hint="Empty: the next number" errors={errors.version}>
          <Input name="register-version" value={version} placeholder="next" onChange={(e) => setVersion(e.target.value)} invalid={Boolean(errors.version)} />
        </Field>
        <Field label="Notes" name="register-notes" errors={errors.notes}>
          <Textarea name="register-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? "Registering…" : "Register"}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}

function DeleteRunDialog({ run, open, onClose }: { run: RunView; open: boolean; onClose(): void }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [deleteOutputs, setDeleteOutputs] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outputs = Object.entries(run.outputs).filter(([, value]) => typeof value === "string" && value);

  function remove(event: React.FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await deleteRunAction({ run: run.id, deleteOutputs });
      if (!result.ok) return setError(result.error);
      toast.success(`Run ${run.name} deleted${deleteOutputs ? " with its outputs" : ""}`);
      queryClient.removeQueries({ queryKey: runsKeys.run(run.id) });
      void queryClient.invalidateQueries({ queryKey: runsKeys.all });
      router.push("/runs");
    });
  }

  return (
    <ModalDialog title={`Delete run ${run.name}?`} open={open} onClose={onClose}>
      <form onSubmit={remove} className="space-y-3" aria-label="Delete run">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          The run, its timeline, logs and metrics leave the console. Model versions registered from it stay in the registry.
        </p>
        {error && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
        <fieldset className="space-y-2 text-sm">
          <legend className="sr-only">Outputs</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="outputs" checked={!deleteOutputs} onChange={() => setDeleteOutputs(false)} className="mt-1" />
            <span>
              <span className="font-medium">Keep its outputs</span>
              <span className="block text-xs text-zinc-500">Checkpoints, inference model and logs stay where they are.</span>
            </span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="outputs" checked={deleteOutputs} onChange={() => setDeleteOutputs(true)} className="mt-1" />
            <span>
              <span className="font-medium">Delete its outputs too</span>
              <span className="block text-xs text-zinc-500">
                {outputs.length > 0 ? outputs.map(([, value]) => String(value)).join(", ") : "Whatever the run wrote on its target."}
              </span>
            </span>
          </label>
        </fieldset>
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={pending}>
            {pending ? "Deleting…" : deleteOutputs ? "Delete run and outputs" : "Delete run"}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
