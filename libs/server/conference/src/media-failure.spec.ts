import { createWorker, errors } from 'mediasoup';
import { mediaFailureCode } from './media-failure';

describe('mediaFailureCode', () => {
  it("maps mediasoup's own error classes", () => {
    expect(mediaFailureCode(new errors.NotFoundError('gone'))).toBe('CONFERENCE_MEDIA_NOT_FOUND');
    expect(mediaFailureCode(new errors.WorkerClosedError('dead'))).toBe('CONFERENCE_UNAVAILABLE');
    expect(mediaFailureCode(new TypeError('bad rtpParameters'))).toBe('VALIDATION_FAILED');
  });

  it('leaves anything else to be logged as a fault', () => {
    expect(mediaFailureCode(new Error('boom'))).toBeNull();
    expect(mediaFailureCode(new errors.UnsupportedError('no'))).toBeNull();
    expect(mediaFailureCode(undefined)).toBeNull();
    expect(mediaFailureCode('text')).toBeNull();
  });

  it('recognises what a real worker answers for a consumer whose producer has just left', async () => {
    const worker = await createWorker({ logLevel: 'none' });
    try {
      const router = await worker.createRouter({ mediaCodecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] });
      const listenInfo = { protocol: 'udp' as const, ip: '127.0.0.1' };
      const inbound = await router.createPlainTransport({ listenInfo, comedia: true });
      const producer = await inbound.produce({
        kind: 'audio',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 1111 }] },
      });
      const outbound = await router.createPlainTransport({ listenInfo });
      const consumer = await outbound.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
      // The worker closes the consumer with its producer; Node hears of it only afterwards, so a request sent
      // meanwhile (here: right behind the close, on the same channel) finds nothing in the worker.
      producer.close();
      expect(consumer.closed).toBe(false);
      const err = await consumer.pause().then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(errors.NotFoundError);
      expect(mediaFailureCode(err)).toBe('CONFERENCE_MEDIA_NOT_FOUND');
    } finally {
      worker.close();
    }
  });
});
