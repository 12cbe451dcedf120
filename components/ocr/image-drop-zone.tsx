"use client";

import { useEffect, useId, useRef, useState, type ChangeEvent, type DragEvent } from "react";
import { Button } from "@/components/ui/button";

export interface ImageDropZoneProps {
  onImage(file: File): void;
  disabled?: boolean;
}

function firstImage(files: FileList | null | undefined): File | null {
  if (!files) return null;
  for (const file of Array.from(files)) if (file.type.startsWith("image/")) return file;
  return null;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function ImageDropZone({ onImage, disabled = false }: ImageDropZoneProps) {
  const inputId = useId();
  const hintId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);

  // Kept in a ref so the window paste listener is registered once per mount rather than
  // re-subscribed whenever the parent passes a new callback.
  const accept = useRef<(file: File) => void>(() => {});
  useEffect(() => {
    accept.current = (file: File) => {
      setError(null);
      setChosen({ name: file.name || "pasted image", size: file.size });
      onImage(file);
    };
  }, [onImage]);

  const disabledRef = useRef(disabled);
  useEffect(() => {
    disabledRef.current = disabled;
  }, [disabled]);

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      if (disabledRef.current) return;
      const file = firstImage(e.clipboardData?.files);
      // Text pastes into other fields on the page must keep working, so only an image is taken.
      if (!file) return;
      e.preventDefault();
      accept.current(file);
    };
    window.addEventListener("paste", onPaste);
    return () => window.removeEventListener("paste", onPaste);
  }, []);

  function onChange(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    // Cleared so choosing the same file again still fires a change event.
    e.target.value = "";
    if (!file) return;
    if (!file.type.startsWith("image/")) {
      setError(`${file.name} is not an image.`);
      return;
    }
    accept.current(file);
  }

  function onDragOver(e: DragEvent<HTMLDivElement>) {
    if (disabled) return;
    // Without preventDefault the browser refuses the drop and opens the file instead.
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setDragOver(true);
  }

  function onDragLeave(e: DragEvent<HTMLDivElement>) {
    // dragleave also fires when moving onto a child element; ignore those.
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    setDragOver(false);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragOver(false);
    if (disabled) return;
    const file = firstImage(e.dataTransfer.files);
    if (file) accept.current(file);
    else if (e.dataTransfer.files.length > 0) setError("That is not an image. Drop a PNG, JPEG, WebP, BMP or similar.");
  }

  return (
    <div className="space-y-1.5">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Image
      </label>
      <div
        data-testid="image-drop-zone"
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        aria-disabled={disabled || undefined}
        className={`flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors ${
          disabled
            ? "cursor-not-allowed border-zinc-200 opacity-60 dark:border-zinc-800"
            : dragOver
              ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950/40"
              : "border-zinc-300 dark:border-zinc-700"
        }`}
      >
        {/* Visually hidden rather than display:none so it keeps its label for tests and
            assistive tech; the button below is the single keyboard stop that opens it. */}
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept="image/*"
          className="sr-only"
          tabIndex={-1}
          disabled={disabled}
          aria-describedby={hintId}
          onChange={onChange}
        />
        <p id={hintId} className="text-sm text-zinc-600 dark:text-zinc-400">
          Drag and drop a picture here, paste one with <kbd className="font-mono">Ctrl</kbd>+<kbd className="font-mono">V</kbd> (
          <kbd className="font-mono">⌘</kbd>+<kbd className="font-mono">V</kbd> on a Mac), or choose a file.
        </p>
        <Button variant="secondary" disabled={disabled} onClick={() => inputRef.current?.click()}>
          Choose file…
        </Button>
        <p className="text-xs text-zinc-500" aria-live="polite" data-testid="image-drop-zone-file">
          {chosen ? (
            <>
              Selected: <span className="font-medium text-zinc-800 dark:text-zinc-200">{chosen.name}</span> ({formatSize(chosen.size)})
            </>
          ) : (
            "No file chosen"
          )}
        </p>
        {error && (
          <p role="alert" className="text-xs text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
