import { parseConferenceRequest } from './conference-request';

const meetingId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('parseConferenceRequest', () => {
  it('accepts well-formed requests and lower-cases the meeting id', () => {
    expect(parseConferenceRequest({ method: 'join', data: { meetingId: meetingId.toUpperCase(), rtpCapabilities: { codecs: [] } } })).toEqual({
      method: 'join',
      data: { meetingId, rtpCapabilities: { codecs: [] } },
    });
    expect(parseConferenceRequest({ method: 'giveFloor', data: { meetingId, peerId: null } })).not.toBeNull();
    expect(parseConferenceRequest({ method: 'muteAudio', data: { meetingId, peerId: 'abc_DEF-1', muted: true } })).not.toBeNull();
  });

  it('refuses unknown methods, missing or malformed fields and prototype tricks', () => {
    for (const body of [
      null,
      'join',
      { method: 'toString', data: { meetingId } },
      { method: 'join', data: { meetingId: 'not-a-uuid', rtpCapabilities: {} } },
      { method: 'join', data: { meetingId } },
      { method: 'createTransport', data: { meetingId, direction: 'sideways' } },
      { method: 'produce', data: { meetingId, transportId: 't1', kind: 'audio', rtpParameters: {}, source: 'screen' } },
      { method: 'muteAudio', data: { meetingId, peerId: '../x', muted: true } },
      { method: 'raiseHand', data: { meetingId, raised: 'yes' } },
      { method: 'connectTransport', data: { meetingId, transportId: 't1', dtlsParameters: [] } },
    ]) {
      expect(parseConferenceRequest(body)).toBeNull();
    }
  });
});
