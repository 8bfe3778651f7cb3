import type { Ack, CastResult } from '@phonghop/contracts';
import { isUncertain } from './ballot-form';

/** Waits between resends of one submission: quick at first (a blip in the hall's Wi-Fi), then every 8 s. */
export const RESEND_DELAYS_MS = [1000, 2000, 4000, 8000] as const;

export function resendDelay(attempt: number): number {
  return RESEND_DELAYS_MS[Math.min(Math.max(attempt, 1), RESEND_DELAYS_MS.length) - 1];
}

export interface CastLoopOptions {
  send: () => Promise<Ack<CastResult>>;
  /** Before each resend, with the attempt number it will be (2, 3, …). */
  onResend?: (attempt: number) => void;
  /** False stops resending; the last unknown outcome is then returned. */
  keepTrying?: () => boolean;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one submission until the server answers it: accepted, or refused for a reason (a 4xx code). A timeout, a
 * dropped socket or a server error leaves the outcome unknown, so the very same request (same submission key) goes
 * again; the server recognises a key it already stored and answers with the same receipt.
 */
export async function castUntilAnswered(options: CastLoopOptions): Promise<Ack<CastResult>> {
  const { send, onResend, keepTrying = () => true, sleep = wait } = options;
  for (let attempt = 1; ; attempt++) {
    const ack = await send();
    if (ack.ok || !isUncertain(ack.error)) return ack;
    await sleep(resendDelay(attempt));
    if (!keepTrying()) return ack;
    onResend?.(attempt + 1);
  }
}
