import type { DocumentDto, MeetingRole, ParticipantDto } from '@phonghop/contracts';
import { firstNames, recipientsOf, unpublished } from './publish-recipients';

const person = (userId: string, meetingRole: MeetingRole = 'delegate', representsUserId: string | null = null): ParticipantDto => ({
  id: `p-${userId}`,
  userId,
  fullName: `Người ${userId}`,
  title: null,
  unitName: null,
  meetingRole,
  rsvp: 'pending',
  declineReason: null,
  delegateUserId: null,
  representsUserId,
  respondedAt: null,
});

const people = [person('thuky', 'secretary'), person('chutoa', 'chair'), person('an'), person('binh'), person('proxy', 'delegate', 'binh')];

describe('recipientsOf', () => {
  it('sends an open or confidential paper to every participant but the secretaries', () => {
    for (const access of ['all', 'confidential'] as const) {
      expect(recipientsOf({ access, namedUserIds: [] }, people).map((p) => p.userId)).toEqual(['chutoa', 'an', 'binh', 'proxy']);
    }
  });

  it('sends a named paper to the named people and to whoever stands in for them', () => {
    expect(recipientsOf({ access: 'named', namedUserIds: ['binh'] }, people).map((p) => p.userId)).toEqual(['binh', 'proxy']);
    expect(recipientsOf({ access: 'named', namedUserIds: ['thuky'] }, people)).toEqual([]);
  });
});

describe('firstNames', () => {
  it('keeps the dialog short: a few names and how many more', () => {
    expect(firstNames(people, 2)).toEqual({ names: ['Người thuky', 'Người chutoa'], more: 3 });
    expect(firstNames(people.slice(0, 1))).toEqual({ names: ['Người thuky'], more: 0 });
  });
});

describe('unpublished', () => {
  it('picks the drafts in list order', () => {
    const doc = (id: string, published: boolean) => ({ id, published }) as DocumentDto;
    expect(unpublished([doc('a', true), doc('b', false), doc('c', false)]).map((d) => d.id)).toEqual(['b', 'c']);
  });
});
