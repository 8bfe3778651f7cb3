import { vgcaOutcome } from './vgca-sign-service';

describe('the VGCA Sign Service answer', () => {
  it('is signed on Status 0 and refused with the tool’s words otherwise', () => {
    expect(vgcaOutcome('{"Status":0,"Message":"","FileName":"a.pdf","FileServer":""}')).toEqual({ kind: 'signed' });
    expect(vgcaOutcome('{"Status":14,"Message":"Người dùng hủy ký"}')).toEqual({ kind: 'refused', message: 'Người dùng hủy ký' });
    expect(vgcaOutcome('{"Error": "WebSocket NOT supported by your Browser!", "Status":500}')).toEqual({ kind: 'refused', message: 'WebSocket NOT supported by your Browser!' });
    expect(vgcaOutcome('not json')).toEqual({ kind: 'refused', message: 'not json' });
  });
});
