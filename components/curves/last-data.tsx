"use client";

import { useEffect, useState } from "react";

/** "Data last arrived 12 s ago", ticking, so a stalled run is visible at a glance. */
export function LastData({ at, live }: { at: string | null; live: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [live]);
  if (!at) return <span className="text-xs text-zinc-500">No data yet</span>;
  const seconds = Math.max(0, Math.round((now - new Date(at).getTime()) / 1000));
  const ago = seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`;
  return (
    <span className="text-xs text-zinc-500" title={new Date(at).toLocaleString()}>
      {live && <span className="mr-1 inline-block size-2 animate-pulse rounded-full bg-emerald-500" aria-hidden />}
      Data last arrived {ago} ago
    </span>
  );
}
