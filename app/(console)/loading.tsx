// Shown while a section's server component streams in, so navigation answers at once.
export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-6 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-96 rounded bg-zinc-100 dark:bg-zinc-900" />
      <div className="h-40 rounded-lg bg-zinc-100 dark:bg-zinc-900" />
    </div>
  );
}
