import { multipartFile, vgcaParams } from './vgca';

/** A body as a browser or a desktop tool sends it (the platform's own FormData encoder). */
async function encoded(form: FormData): Promise<{ body: Buffer; contentType: string }> {
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? '' };
}

describe('the VGCA Sign Service adapter', () => {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\r\n'), Buffer.from([0, 13, 10, 45, 45, 255]), Buffer.from('\r\n%%EOF\r\n')]);

  it('finds the uploaded file by its field name, byte for byte, with its name and type', async () => {
    const form = new FormData();
    form.append('maTL', '05/BB-UBND');
    form.append('uploadfile', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), 'Biên bản (đã ký).pdf');
    const { body, contentType } = await encoded(form);
    const file = multipartFile(body, contentType, 'uploadfile');
    expect(file?.bytes.equals(pdf)).toBe(true);
    expect(file).toMatchObject({ fileName: 'Biên bản (đã ký).pdf', contentType: 'application/pdf' });
  });

  it('takes the first file when the field has another name, and nothing from a body without one', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(pdf)]), 'x.pdf');
    const { body, contentType } = await encoded(form);
    expect(multipartFile(body, contentType, 'uploadfile')?.bytes.equals(pdf)).toBe(true);

    const empty = new FormData();
    empty.append('note', 'no file');
    const e = await encoded(empty);
    expect(multipartFile(e.body, e.contentType, 'uploadfile')).toBeNull();
    expect(multipartFile(pdf, 'application/pdf', 'uploadfile')).toBeNull();
  });

  it('hands the tool the document and the upload address of one request', () => {
    expect(vgcaParams({ documentUrl: 'https://h/api/signing/s/document', vgcaUploadUrl: 'https://h/api/signing/s/vgca', requestId: 'r1', signerRole: 'chair' })).toEqual({
      FileUploadHandler: 'https://h/api/signing/s/vgca',
      SessionId: '',
      JWTToken: '',
      FileName: 'https://h/api/signing/s/document',
      MetaData: [
        { Key: 'phonghopRequestId', Value: 'r1' },
        { Key: 'signerRole', Value: 'chair' },
      ],
    });
  });
});
