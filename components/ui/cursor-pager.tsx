"use client";

import { Button } from "./button";

/** Previous / Next over keyset pages: `cursors` holds the cursor of every page before the current one. */
export function CursorPager({ cursors, nextCursor, onChange }: { cursors: string[]; nextCursor: string | null | undefined; onChange(next: string[]): void }) {
  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        ← Previous
      </Button>
      <Button variant="secondary" disabled={!nextCursor} onClick={() => nextCursor && onChange([...cursors, nextCursor])}>
        Next →
      </Button>
    </div>
  );
}
