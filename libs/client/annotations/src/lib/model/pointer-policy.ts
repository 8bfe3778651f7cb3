/**
 * Who may draw (pure): a pen always; a mouse; a finger only when no pen is in use and the contact is finger-sized.
 * A palm resting on the screen (a large contact) is ignored altogether, and so is every touch while the pen is down;
 * shortly after the pen was used, fingers scroll instead of drawing; a second finger makes a gesture (scroll/zoom).
 */
export type PointerRole = 'draw' | 'pan' | 'ignore';

export interface PointerSample {
  pointerType: string;
  /** Contact size in CSS pixels (1 for a mouse or pen without size). */
  width: number;
  height: number;
}

export interface PenMemory {
  /** A pen is touching the screen now. */
  penDown: boolean;
  /** When the pen was last lifted or moved (ms, same clock as `now`); -Infinity when never. */
  lastPenAt: number;
}

/** Contacts larger than this (either side, CSS px) are a palm or the side of a hand. */
export const PALM_SIZE_PX = 40;
/** After the pen was used, fingers scroll rather than draw for this long. */
export const PEN_RECENT_MS = 5000;

export const NO_PEN: PenMemory = { penDown: false, lastPenAt: -Infinity };

/** `touchesDown`: other touch contacts on the page already. */
export function roleOf(sample: PointerSample, pen: PenMemory, now: number, touchesDown: number): PointerRole {
  if (sample.pointerType === 'pen' || sample.pointerType === 'mouse') return 'draw';
  if (sample.width > PALM_SIZE_PX || sample.height > PALM_SIZE_PX) return 'ignore';
  if (pen.penDown) return 'ignore';
  if (now - pen.lastPenAt < PEN_RECENT_MS || touchesDown > 0) return 'pan';
  return 'draw';
}
