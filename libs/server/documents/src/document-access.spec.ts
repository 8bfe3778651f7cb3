import type { DocumentAccess } from '@phonghop/contracts';
import type { MeetingsService } from '@phonghop/server-meetings';
import { DocumentAccessPolicy, type DocumentViewer } from './document-access';
import type { DocumentEntity } from './document.entities';

const policy = new DocumentAccessPolicy({} as MeetingsService);
const doc = (access: DocumentAccess, published = true, namedUserIds: string[] = []) =>
  ({ access, published, namedUserIds }) as DocumentEntity;
const viewer = (over: Partial<DocumentViewer>): DocumentViewer => ({
  userId: 'u1',
  meetingId: 'm',
  participant: true,
  canManage: false,
  actsFor: ['u1'],
  ...over,
});

describe('DocumentAccessPolicy', () => {
  it('hides unpublished documents from everybody but managers', () => {
    expect(policy.canSee(doc('all', false), viewer({}))).toBe(false);
    expect(policy.canSee(doc('all', false), viewer({ canManage: true }))).toBe(true);
  });

  it('shows named documents to the named and to their proxies', () => {
    expect(policy.canSee(doc('named', true, ['u2']), viewer({}))).toBe(false);
    expect(policy.canSee(doc('named', true, ['u2']), viewer({ actsFor: ['u1', 'u2'] }))).toBe(true);
  });

  it('lets an administrator outside the meeting manage but not read confidential content', () => {
    const admin = viewer({ participant: false, canManage: true, actsFor: [] });
    expect(policy.canSee(doc('confidential'), admin)).toBe(true);
    expect(policy.canRead(doc('confidential'), admin)).toBe(false);
    expect(policy.canRead(doc('named', true, ['u9']), admin)).toBe(true);
    expect(policy.canRead(doc('confidential'), viewer({}))).toBe(true);
  });
});
