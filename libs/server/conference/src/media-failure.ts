import type { ErrorCode } from '@phonghop/contracts';

/**
 * The error code a conference request gets when mediasoup refused it, or null for a fault of ours (logged).
 * mediasoup refuses bad parameters (TypeError) and objects that are already gone in the worker while Node has not
 * heard of it yet (NotFoundError: e.g. a consumer whose producer just left, asked to change layers), or whose worker
 * just died (WorkerClosedError: the pool restarts it and the clients are told to reconnect). Those are races of a
 * live conference, not server faults.
 */
export function mediaFailureCode(err: unknown): ErrorCode | null {
  if (err instanceof TypeError) return 'VALIDATION_FAILED';
  switch ((err as Error | null)?.name) {
    case 'NotFoundError':
      return 'CONFERENCE_MEDIA_NOT_FOUND';
    case 'WorkerClosedError':
      return 'CONFERENCE_UNAVAILABLE';
    default:
      return null;
  }
}
