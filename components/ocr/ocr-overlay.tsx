"use client";

import type { OcrResult } from "@/lib/ocr";
import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { Button } from "@/components/ui/button";
import { quadToPoints } from "./polygon-points";
import { FIT_VIEW, MAX_ZOOM, MIN_ZOOM, clampView, panBy, zoomAt, type View, type ViewMetrics } from "./viewport";

export interface OcrOverlayProps {
  imageUrl: string;
  result: OcrResult;
  highlighted: number | null;
  onHighlight(index: number | null): void;
}

const BUTTON_STEP = 1.5;
// Small enough that a trackpad's many tiny deltas feel smooth, large enough for a mouse notch.
const WHEEL_SENSITIVITY = 0.0015;
// Below this a press counts as a click, so hovering/clicking polygons is not mistaken for a pan.
const DRAG_THRESHOLD_PX = 3;

export function OcrOverlay({ imageUrl, result, highlighted, onHighlight }: OcrOverlayProps) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const dragRef = useRef<{ pointerId: number; x: number; y: number; moved: boolean } | null>(null);
  const [view, setView] = useState<View>(FIT_VIEW);
  const [dragging, setDragging] = useState(false);
  // The native wheel listener needs the current zoom without re-subscribing on every change.
  const zoomRef = useRef(view.zoom);
  useEffect(() => {
    zoomRef.current = view.zoom;
  }, [view.zoom]);

  // A new image must not inherit the previous one's zoom; resetting during render avoids a
  // flash of the stale transform that an effect would cause.
  const [shownUrl, setShownUrl] = useState(imageUrl);
  if (shownUrl !== imageUrl) {
    setShownUrl(imageUrl);
    setView(FIT_VIEW);
  }

  const metrics = useCallback((): ViewMetrics | null => {
    const viewport = viewportRef.current;
    const content = contentRef.current;
    if (!viewport || !content) return null;
    return {
      viewportWidth: viewport.clientWidth,
      viewportHeight: viewport.clientHeight,
      contentWidth: content.offsetWidth,
      contentHeight: content.offsetHeight,
      offsetX: content.offsetLeft,
      offsetY: content.offsetTop,
    };
  }, []);

  const zoomAround = useCallback(
    (factor: number, clientX?: number, clientY?: number) => {
      const m = metrics();
      const viewport = viewportRef.current;
      if (!m || !viewport) return;
      const rect = viewport.getBoundingClientRect();
      const px = clientX === undefined ? m.viewportWidth / 2 : clientX - rect.left - viewport.clientLeft;
      const py = clientY === undefined ? m.viewportHeight / 2 : clientY - rect.top - viewport.clientTop;
      setView((v) => zoomAt(v, factor, px, py, m));
    },
    [metrics],
  );

  // React registers wheel listeners as passive, so preventDefault (needed to stop the page
  // scrolling while zooming) only works from a native listener.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY === 0) return;
      // At a zoom limit the wheel falls through to the page, so the viewer never traps scrolling.
      if ((e.deltaY > 0 && zoomRef.current <= MIN_ZOOM) || (e.deltaY < 0 && zoomRef.current >= MAX_ZOOM)) return;
      e.preventDefault();
      // deltaMode 1 = lines (Firefox mouse wheels); scale to roughly pixel units.
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      zoomAround(Math.exp(-delta * WHEEL_SENSITIVITY), e.clientX, e.clientY);
    };
    viewport.addEventListener("wheel", onWheel, { passive: false });
    return () => viewport.removeEventListener("wheel", onWheel);
  }, [zoomAround]);

  // The fitted size changes with the layout, which can leave a zoomed view out of bounds.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      const m = metrics();
      if (m) setView((v) => clampView(v, m));
    });
    observer.observe(viewport);
    return () => observer.disconnect();
  }, [metrics]);

  function onPointerDown(e: ReactPointerEvent<HTMLDivElement>) {
    if (e.button !== 0 || view.zoom <= MIN_ZOOM) return;
    dragRef.current = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, moved: false };
  }

  function onPointerMove(e: ReactPointerEvent<HTMLDivElement>) {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!drag.moved) {
      if (Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      drag.moved = true;
      // Capture only once it is really a drag, so panning keeps working when the pointer
      // leaves the viewer but plain hovers still reach the polygons.
      e.currentTarget.setPointerCapture(e.pointerId);
      setDragging(true);
      onHighlight(null);
    }
    drag.x = e.clientX;
    drag.y = e.clientY;
    const m = metrics();
    if (m) setView((v) => panBy(v, dx, dy, m));
  }

  function endDrag(e: ReactPointerEvent<HTMLDivElement>) {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== e.pointerId) return;
    dragRef.current = null;
    setDragging(false);
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  }

  const zoomed = view.zoom > MIN_ZOOM;
  const hl = highlighted !== null ? result.lines[highlighted] : undefined;

  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <div role="group" aria-label="Zoom" className="flex items-center gap-1">
          <Button variant="secondary" aria-label="Zoom out" title="Zoom out" disabled={!zoomed} onClick={() => zoomAround(1 / BUTTON_STEP)}>
            −
          </Button>
          <Button variant="secondary" aria-label="Zoom in" title="Zoom in" disabled={view.zoom >= MAX_ZOOM} onClick={() => zoomAround(BUTTON_STEP)}>
            +
          </Button>
          <Button variant="secondary" aria-label="Fit to view" title="Fit to view" disabled={!zoomed} onClick={() => setView(FIT_VIEW)}>
            Fit
          </Button>
        </div>
        <span className="font-mono text-xs text-zinc-500 tabular-nums" aria-live="polite">
          {Math.round(view.zoom * 100)}%
        </span>
        <span className="ml-auto text-xs text-zinc-500">
          {result.width}×{result.height}px · wheel to zoom{zoomed ? ", drag to pan" : ""}
        </span>
      </div>
      <div
        ref={viewportRef}
        data-testid="ocr-viewer"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        className={`relative overflow-hidden rounded-lg border border-zinc-200 bg-zinc-100 dark:border-zinc-800 dark:bg-zinc-900 ${
          zoomed ? (dragging ? "cursor-grabbing touch-none" : "cursor-grab touch-none") : ""
        }`}
      >
        <div
          ref={contentRef}
          className="relative mx-auto w-fit origin-top-left select-none"
          style={{ transform: `translate(${view.tx}px, ${view.ty}px) scale(${view.zoom})` }}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- a local object URL of an upload; next/image cannot optimise it */}
          <img src={imageUrl} alt="Uploaded image with detected text boxes" draggable={false} className="block max-h-[70vh] max-w-full" />
          <svg
            viewBox={`0 0 ${result.width} ${result.height}`}
            preserveAspectRatio="none"
            className="absolute inset-0 h-full w-full"
            role="group"
            aria-label={`${result.lines.length} detected text ${result.lines.length === 1 ? "line" : "lines"}`}
          >
            {result.lines.map((line, i) => {
              const active = i === highlighted;
              return (
                <polygon
                  key={i}
                  data-testid="ocr-box"
                  data-highlighted={active || undefined}
                  points={quadToPoints(line.box)}
                  vectorEffect="non-scaling-stroke"
                  strokeWidth={active ? 3 : 1.5}
                  strokeLinejoin="round"
                  className={
                    active
                      ? "fill-amber-400/35 stroke-amber-500"
                      : highlighted === null
                        ? "fill-indigo-500/15 stroke-indigo-500 hover:fill-indigo-500/30"
                        : "fill-indigo-500/10 stroke-indigo-400/70"
                  }
                  onPointerEnter={() => {
                    if (!dragRef.current?.moved) onHighlight(i);
                  }}
                  onPointerLeave={() => {
                    if (!dragRef.current?.moved) onHighlight(null);
                  }}
                >
                  <title>{line.text}</title>
                </polygon>
              );
            })}
            {/* Redrawn last so the emphasised outline is never hidden under a neighbour,
                without reordering the polygons themselves. */}
            {hl && (
              <polygon
                points={quadToPoints(hl.box)}
                vectorEffect="non-scaling-stroke"
                strokeWidth={3}
                strokeLinejoin="round"
                className="pointer-events-none fill-none stroke-amber-500"
                aria-hidden="true"
              />
            )}
          </svg>
        </div>
      </div>
    </div>
  );
}
