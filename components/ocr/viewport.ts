// Zoom/pan arithmetic for the overlay viewer, separated from the DOM so it can be tested.
// The content is drawn with `transform: translate(tx, ty) scale(zoom)` and origin at its
// untransformed top-left corner, which sits at (offsetX, offsetY) inside the viewport.

export interface View {
  zoom: number;
  tx: number;
  ty: number;
}

export interface ViewMetrics {
  viewportWidth: number;
  viewportHeight: number;
  /** Untransformed (fitted) content size. */
  contentWidth: number;
  contentHeight: number;
  offsetX: number;
  offsetY: number;
}

export const FIT_VIEW: View = { zoom: 1, tx: 0, ty: 0 };
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 16;

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return MIN_ZOOM;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

function clampAxis(t: number, size: number, viewport: number, offset: number): number {
  // Content smaller than the viewport stays centred; larger content may not expose empty
  // space at either edge, so a pan can never lose the image.
  const clamped = size <= viewport ? (viewport - size) / 2 - offset : Math.min(-offset, Math.max(viewport - size - offset, t));
  // `-offset` yields -0 at offset 0; normalised so equal views compare equal.
  return clamped + 0;
}

export function clampView(view: View, m: ViewMetrics): View {
  const zoom = clampZoom(view.zoom);
  if (zoom === MIN_ZOOM) return FIT_VIEW;
  return {
    zoom,
    tx: clampAxis(view.tx, m.contentWidth * zoom, m.viewportWidth, m.offsetX),
    ty: clampAxis(view.ty, m.contentHeight * zoom, m.viewportHeight, m.offsetY),
  };
}

/** Zoom by `factor` keeping the point (px, py), in viewport coordinates, fixed on screen. */
export function zoomAt(view: View, factor: number, px: number, py: number, m: ViewMetrics): View {
  const zoom = clampZoom(view.zoom * factor);
  const ratio = zoom / view.zoom;
  // Screen position of a content point p is offset + t + zoom * p; solving for the new t
  // that keeps the anchor's content point under the cursor.
  const ax = px - m.offsetX;
  const ay = py - m.offsetY;
  return clampView({ zoom, tx: ax - (ax - view.tx) * ratio, ty: ay - (ay - view.ty) * ratio }, m);
}

export function panBy(view: View, dx: number, dy: number, m: ViewMetrics): View {
  return clampView({ ...view, tx: view.tx + dx, ty: view.ty + dy }, m);
}
