/** Zoom is relative to "fit width" (1 = the page fills the reading area's width). */
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 4;
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3, 4] as const;

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, Math.round(zoom * 100) / 100));
}

/** The next step up or down from an arbitrary zoom (after a pinch the zoom is rarely on a step). */
export function stepZoom(zoom: number, direction: 1 | -1): number {
  if (direction > 0) return ZOOM_STEPS.find((s) => s > zoom + 0.01) ?? MAX_ZOOM;
  return [...ZOOM_STEPS].reverse().find((s) => s < zoom - 0.01) ?? MIN_ZOOM;
}

/** PDF points → CSS pixels so that a page of `pageWidth` points fills `available` pixels. */
export function fitWidthScale(available: number, pageWidth: number): number {
  if (pageWidth <= 0 || available <= 0) return 1;
  return available / pageWidth;
}

/** Canvas backing-store ratio: sharp on retina tablets, but bounded so big zooms do not exhaust memory. */
export function outputScale(devicePixelRatio: number, cssWidth: number, cssHeight: number, maxPixels = 16_777_216): number {
  const ratio = Math.max(1, devicePixelRatio || 1);
  const pixels = cssWidth * cssHeight * ratio * ratio;
  return pixels > maxPixels ? Math.max(0.5, Math.sqrt(maxPixels / (cssWidth * cssHeight))) : ratio;
}

/** Distance between two touches, for pinch zoom. */
export function touchDistance(a: { clientX: number; clientY: number }, b: { clientX: number; clientY: number }): number {
  return Math.hypot(a.clientX - b.clientX, a.clientY - b.clientY);
}

/** Room left on each side of the pages in the reading area. */
export const SIDE_PADDING = 24;

/** The width a page takes at fit width in this reading area. */
export function fitWidthIn(scroller: HTMLElement): number {
  return Math.max(200, scroller.clientWidth - 2 * SIDE_PADDING);
}
