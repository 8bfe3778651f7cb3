/** Just enough of phonghop's HTTP API for benchmarks: sign in, upload and publish a document. */
export async function login(baseUrl, username, password = 'PhongHop@2026') {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const token = /phonghop_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  return `phonghop_session=${token}`;
}

export async function call(baseUrl, cookie, method, path, body, headers = {}) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { cookie, ...(body && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body instanceof Uint8Array ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function firstMeetingId(baseUrl, cookie) {
  const mine = await call(baseUrl, cookie, 'GET', '/api/meetings/mine');
  return mine[0].id;
}

/** Chunked upload exactly as the web app does it, then publish; returns the DocumentDto. */
export async function uploadDocument(baseUrl, cookie, meetingId, bytes, { title, fileName = 'tai-lieu.pdf', access = 'all' } = {}) {
  const started = await call(baseUrl, cookie, 'POST', `/api/meetings/${meetingId}/uploads`, { fileName, sizeBytes: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += started.chunkBytes) {
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + started.chunkBytes));
    await call(baseUrl, cookie, 'PUT', `/api/uploads/${started.uploadId}?offset=${offset}`, chunk, { 'content-type': 'application/octet-stream' });
  }
  const doc = await call(baseUrl, cookie, 'POST', `/api/uploads/${started.uploadId}/complete`, { title: title ?? fileName, access });
  await call(baseUrl, cookie, 'POST', `/api/documents/${doc.id}/publish`);
  return doc;
}
