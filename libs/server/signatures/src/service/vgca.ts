import type { ApiErrorBody, VgcaSignParams, VgcaUploadResult } from '@phonghop/contracts';

/**
 * The VGCA Sign Service's side of a signing request (the Government Cipher Committee's desktop tool): the JSON its
 * browser plugin takes, and the FileUploadHandler's answer. The tool fetches `FileName`, signs on the token and posts
 * the signed PDF as multipart/form-data, file field `uploadfile`.
 */
export function vgcaParams(links: { documentUrl: string; vgcaUploadUrl: string; requestId: string; signerRole: string }): VgcaSignParams {
  return {
    FileUploadHandler: links.vgcaUploadUrl,
    // The one-time secret in the URLs authorises; no session or JWT travels with the tool.
    SessionId: '',
    JWTToken: '',
    FileName: links.documentUrl,
    MetaData: [
      { Key: 'phonghopRequestId', Value: links.requestId },
      { Key: 'signerRole', Value: links.signerRole },
    ],
  };
}

export const vgcaTaken = (fileName: string): VgcaUploadResult => ({ Status: 0, Message: '', FileName: fileName, FileServer: '' });

/** A refusal in the tool's shape: it shows Message to the signer; Code is phonghop's stable code. */
export const vgcaRefused = (body: ApiErrorBody): VgcaUploadResult => ({
  Status: 1,
  Message: `${body.message.vi} / ${body.message.en}`,
  FileName: '',
  FileServer: '',
  Code: body.code,
});

export interface MultipartFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * The file of a multipart/form-data body: the part named `field`, else the first part that carries a file name.
 * Null when the body is not multipart or holds no file. Enough for one uploaded file; nothing is streamed.
 */
export function multipartFile(body: Buffer, contentType: string, field: string): MultipartFile | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType.trim()) || !m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`, 'latin1');
  const parts: (MultipartFile & { name: string | undefined; hasFileName: boolean })[] = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    // CRLF after the delimiter, CRLF before the next one.
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
      const fileName = /filename="([^"]*)"/i.exec(disposition)?.[1];
      parts.push({
        name: /[;\s]name="([^"]*)"/i.exec(disposition)?.[1],
        hasFileName: fileName !== undefined,
        fileName: fileName || 'signed.pdf',
        contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim() ?? '',
        bytes: part.subarray(headerEnd + 4),
      });
    }
    at = next;
  }
  const file = parts.find((p) => p.name === field) ?? parts.find((p) => p.hasFileName);
  return file ? { fileName: file.fileName, contentType: file.contentType, bytes: Buffer.from(file.bytes) } : null;
}
