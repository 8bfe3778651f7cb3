import { type DocumentDto, SESSION_COOKIE } from '@phonghop/contracts';
import type { Browser } from './test-app';

/**
 * Uploads a PDF as the web app does (start, one PUT of all bytes, complete) with `who`'s session; returns what
 * `complete` made: a new document, or a new version when `complete` names `replacesDocumentId`.
 */
export async function uploadPdf(
  baseUrl: string,
  who: Browser,
  meetingId: string,
  pdf: Buffer,
  complete: Record<string, unknown>,
  fileName = 'tai-lieu.pdf',
): Promise<DocumentDto> {
  const started = await who.post(`/api/meetings/${meetingId}/uploads`, { fileName, sizeBytes: pdf.length });
  expect(started.status).toBe(201);
  const put = await fetch(`${baseUrl}/api/uploads/${started.body.uploadId}?offset=0`, {
    method: 'PUT',
    headers: { cookie: `${SESSION_COOKIE}=${who.cookie}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(pdf),
  });
  expect(put.status).toBe(200);
  const done = await who.post(`/api/uploads/${started.body.uploadId}/complete`, complete);
  expect(done.status).toBe(201);
  return done.body as DocumentDto;
}
