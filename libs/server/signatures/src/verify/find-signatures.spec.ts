import { withoutPadding } from './find-signatures';

describe('withoutPadding', () => {
  it('keeps a CMS whose last byte is zero: its DER header gives its length', () => {
    // SEQUENCE of 3 bytes ending in 0x00, then the hole's zero padding.
    const der = Buffer.from([0x30, 0x03, 0x02, 0x01, 0x00]);
    expect(withoutPadding(Buffer.concat([der, Buffer.alloc(20)]))).toEqual(der);
  });

  it('reads long-form lengths (a real CMS is a few kilobytes)', () => {
    const body = Buffer.alloc(300, 0x41);
    body[299] = 0;
    const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x2c]), body]);
    expect(withoutPadding(Buffer.concat([der, Buffer.alloc(1000)]))).toEqual(der);
  });

  it('cuts trailing zeros when the header gives no usable length (indefinite, or longer than the hole)', () => {
    expect(withoutPadding(Buffer.from([0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x00]))).toEqual(Buffer.from([0x30, 0x80, 0x02, 0x01, 0x05]));
    expect(withoutPadding(Buffer.from([0x30, 0x7f, 0x01, 0x00, 0x00]))).toEqual(Buffer.from([0x30, 0x7f, 0x01]));
  });
});
