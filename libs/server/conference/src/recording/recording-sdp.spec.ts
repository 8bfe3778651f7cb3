import { recordingArgs, recordingSdp, type SdpStream } from './recording-sdp';

const video: SdpStream = { kind: 'video', port: 50000, payloadType: 101, codec: 'VP8', clockRate: 90000 };
const a1: SdpStream = { kind: 'audio', port: 50002, payloadType: 100, codec: 'opus', clockRate: 48000, channels: 2 };
const a2: SdpStream = { ...a1, port: 50004 };

describe('recording SDP and ffmpeg arguments', () => {
  it('describes each stream on its own port', () => {
    const sdp = recordingSdp([video, a1]);
    expect(sdp).toContain('m=video 50000 RTP/AVP 101\na=rtpmap:101 VP8/90000\n');
    expect(sdp).toContain('m=audio 50002 RTP/AVP 100\na=rtpmap:100 opus/48000/2\n');
    expect(sdp.startsWith('v=0\n')).toBe(true);
  });

  it('copies video, copies a single voice, and mixes several voices into one Opus track', () => {
    const one = recordingArgs('/r/a.sdp', [video, a1], '/r/out.webm');
    expect(one).toEqual(expect.arrayContaining(['-map', '0:v:0', '-c:v', 'copy', '0:a:0']));
    expect(one.slice(-4)).toEqual(['-f', 'webm', '-y', '/r/out.webm']);
    const two = recordingArgs('/r/a.sdp', [video, a1, a2], '/r/out.webm');
    expect(two.join(' ')).toContain('[0:a:0][0:a:1]amix=inputs=2');
    expect(two).toContain('libopus');
  });

  it('always writes one video and one audio track, generating what is missing', () => {
    const silent = recordingArgs('/r/a.sdp', [video], '/r/o.webm').join(' ');
    expect(silent).toContain('-f lavfi -i anullsrc=r=48000:cl=stereo');
    expect(silent).toContain('-map 1:a -c:a libopus');
    const blind = recordingArgs('/r/a.sdp', [a1], '/r/o.webm').join(' ');
    expect(blind).toContain('-i color=c=black');
    expect(blind).toContain('-map 1:v -c:v libvpx');
    expect(blind).toContain('-map 0:a:0 -c:a copy');
    const nothing = recordingArgs('/r/a.sdp', [], '/r/o.webm').join(' ');
    expect(nothing).toContain('-map 2:v');
    expect(nothing).toContain('-map 1:a');
  });
});
