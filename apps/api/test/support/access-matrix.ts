import type { ConferenceMethod, FloorMethod, PresentationMethod, VoteMethod } from '@phonghop/contracts';

/**
 * Who may do what, written down once: every REST route of the OpenAPI document and every request on the meeting
 * room's socket, for every kind of caller, in their own meeting and in one they have no seat in. The authorization
 * matrix spec asks the live API each cell and fails when a route or event has no row here.
 */

/** The callers: system roles, the meeting's seats, the hall's display (its token, no person) and nobody. */
export const ACTORS = ['anonymous', 'display', 'guest', 'delegate', 'siteOperator', 'admin', 'chair', 'secretary'] as const;
export type Actor = (typeof ACTORS)[number];
export type MeetingSide = 'own' | 'other';

export interface Access {
  own: readonly Actor[];
  /** Meeting-scoped rows: who may act on a meeting they have no seat in. Absent on rows that name no meeting. */
  other?: readonly Actor[];
  /**
   * How a signed-in caller is refused: 403 (the default), or 404 where the API hides that the thing exists.
   * Callers without a session (anonymous, a display on a person's route) always get 401.
   */
  refusal?: 401 | 403 | 404;
  /** Token routes: how callers without that token are refused (instead of 401 for anonymous and displays). */
  refusals?: Partial<Record<Actor, 401 | 403 | 404>>;
  /** Routes that answer 200 and refuse per item (annotation ops): the item's status decides. */
  perItem?: true;
  /** Run after everything else: the route ends or removes what other rows use. */
  last?: true;
  /** Each caller signs in afresh for this row (it ends the session). */
  freshSession?: true;
}

const EVERYONE = ACTORS;
const SIGNED_IN: readonly Actor[] = ['guest', 'delegate', 'siteOperator', 'admin', 'chair', 'secretary'];
/** Everyone with a seat in the meeting (the guest, the delegate, the site's operator, the chair, the secretary). */
const SEATED: readonly Actor[] = ['guest', 'delegate', 'siteOperator', 'chair', 'secretary'];
const PRESIDING: readonly Actor[] = ['chair', 'secretary'];
const MANAGING: readonly Actor[] = ['secretary'];
const NOBODY: readonly Actor[] = [];
/** System administrators manage every meeting's documents, standing in for an absent secretary (DocumentAccessPolicy). */
const DOC_MANAGERS: readonly Actor[] = ['admin', 'secretary'];
const DOC_MANAGERS_AND_SEATED: readonly Actor[] = ['admin', ...SEATED];
/** An upload session is its uploader's alone; anybody else is told it does not exist. */
const UPLOADER: readonly Actor[] = ['secretary'];

/** A route about no meeting in particular: the same callers whatever meeting the others are in. */
const global = (actors: readonly Actor[], extra: Omit<Access, 'own' | 'other'> = {}): Access => ({ own: actors, ...extra });
/** A meeting's route: `own` in the callers' meeting, `other` (default nobody) in a meeting they have no seat in. */
const meeting = (own: readonly Actor[], other: readonly Actor[] = NOBODY, extra: Omit<Access, 'own' | 'other'> = {}): Access => ({ own, other, ...extra });

/** Every `METHOD /path` of the OpenAPI document. */
export const HTTP_ACCESS: Record<string, Access> = {
  // Public: health for probes, settings for the sign-in page, login itself.
  'GET /api/health': global(EVERYONE),
  'GET /api/settings': global(EVERYONE),
  'POST /api/auth/login': global(EVERYONE),
  'POST /api/auth/logout': global(SIGNED_IN, { freshSession: true, last: true }),
  'GET /api/auth/me': global(SIGNED_IN),
  'POST /api/auth/password': global(SIGNED_IN),
  // Accounts: administrators; secretaries read them to invite people.
  'GET /api/users': global(['admin', 'secretary']),
  'POST /api/users': global(['admin']),
  'GET /api/users/{id}': global(['admin', 'secretary']),
  'PATCH /api/users/{id}': global(['admin']),
  'POST /api/users/{id}/reset-password': global(['admin']),
  'POST /api/users/{id}/unlock': global(['admin']),
  // People's one-time signing links: the token is the credential (a wrong one is 404 for anyone).
  'GET /api/signing/{token}/document': global(EVERYONE),
  'GET /api/signing/{token}/content': global(EVERYONE),
  'GET /api/signing/{token}/hash': global(EVERYONE),
  'POST /api/signing/{token}/signed': global(EVERYONE),
  // The VGCA signing tool's upload handler: the same token; refusals are a 200 with the tool's Status 1.
  'POST /api/signing/{token}/vgca': global(EVERYONE),
  // Trust anchors for checking signatures: administrators.
  'GET /api/admin/trust-anchors': global(['admin']),
  'POST /api/admin/trust-anchors/recheck': global(['admin']),
  // The organisation: everyone signed in reads it, administrators change it.
  'GET /api/org/tree': global(SIGNED_IN),
  'GET /api/org/units': global(SIGNED_IN),
  'POST /api/org/units': global(['admin']),
  'PATCH /api/org/units/{id}': global(['admin']),
  'DELETE /api/org/units/{id}': global(['admin'], { last: true }),
  'GET /api/org/sites': global(SIGNED_IN),
  'POST /api/org/sites': global(['admin']),
  'PATCH /api/org/sites/{id}': global(['admin']),
  // Meetings.
  'GET /api/meetings/mine': global(SIGNED_IN),
  'POST /api/meetings': global(['admin', 'secretary']),
  'GET /api/meetings/{id}': meeting(SEATED),
  'PATCH /api/meetings/{id}': meeting(MANAGING),
  'POST /api/meetings/{id}/cancel': meeting(MANAGING, NOBODY, { last: true }),
  'POST /api/meetings/{id}/publish': meeting(MANAGING),
  'POST /api/meetings/{id}/start': meeting(PRESIDING),
  'POST /api/meetings/{id}/end': meeting(PRESIDING, NOBODY, { last: true }),
  'POST /api/meetings/{id}/archive': meeting(MANAGING, NOBODY, { last: true }),
  'GET /api/meetings/{id}/invitation.ics': meeting(SEATED),
  'GET /api/meetings/{meetingId}/participants': meeting(SEATED),
  'POST /api/meetings/{meetingId}/participants': meeting(MANAGING),
  'GET /api/meetings/{meetingId}/delegate-candidates': meeting(SEATED),
  'PATCH /api/meetings/{meetingId}/participants/{participantId}': meeting(MANAGING),
  'DELETE /api/meetings/{meetingId}/participants/{participantId}': meeting(MANAGING, NOBODY, { last: true }),
  'GET /api/meetings/{meetingId}/sites': meeting(SEATED),
  'DELETE /api/meetings/{meetingId}/sites/{siteId}': meeting(MANAGING, NOBODY, { last: true }),
  'POST /api/meetings/{meetingId}/rsvp': meeting(SEATED),
  'GET /api/meetings/{meetingId}/agenda': meeting(SEATED),
  'POST /api/meetings/{meetingId}/agenda': meeting(MANAGING),
  'PUT /api/meetings/{meetingId}/agenda/order': meeting(MANAGING),
  'PATCH /api/meetings/{meetingId}/agenda/{itemId}': meeting(MANAGING),
  'DELETE /api/meetings/{meetingId}/agenda/{itemId}': meeting(MANAGING, NOBODY, { last: true }),
  // Documents: the secretaries upload and publish; participants read what is published to them.
  'POST /api/meetings/{meetingId}/uploads': meeting(DOC_MANAGERS, ['admin']),
  'GET /api/uploads/{uploadId}': meeting(UPLOADER, NOBODY, { refusal: 404 }),
  'PUT /api/uploads/{uploadId}': meeting(UPLOADER, NOBODY, { refusal: 404 }),
  'POST /api/uploads/{uploadId}/complete': meeting(UPLOADER, NOBODY, { refusal: 404 }),
  'GET /api/meetings/{meetingId}/documents': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/meetings/{meetingId}/documents/receipts': meeting(DOC_MANAGERS, ['admin']),
  'GET /api/meetings/{meetingId}/search': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'PATCH /api/documents/{id}': meeting(DOC_MANAGERS, ['admin']),
  'DELETE /api/documents/{id}': meeting(DOC_MANAGERS, ['admin'], { last: true }),
  'POST /api/documents/{id}/publish': meeting(DOC_MANAGERS, ['admin']),
  'POST /api/meetings/{meetingId}/documents/publish': meeting(DOC_MANAGERS, ['admin']),
  'GET /api/documents/{id}/versions': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/versions/{version}/file': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/file': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/versions/{version}/pages/{page}/thumbnail': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/versions/{version}/preview': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/preview': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{id}/versions/{version}/text': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'POST /api/documents/{id}/versions/{version}/received': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'POST /api/documents/{id}/versions/{version}/opened': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/meetings/mine/new-documents': global(SIGNED_IN),
  // The live meeting.
  'POST /api/meetings/{meetingId}/check-in': meeting(SEATED),
  'GET /api/meetings/{meetingId}/check-in-code': meeting(PRESIDING),
  'POST /api/meetings/{meetingId}/check-in-code/renew': meeting(PRESIDING),
  'GET /api/meetings/{meetingId}/record': meeting(PRESIDING),
  'GET /api/meetings/{meetingId}/displays': meeting(PRESIDING),
  'POST /api/meetings/{meetingId}/displays': meeting(PRESIDING),
  'DELETE /api/meetings/{meetingId}/displays/{displayId}': meeting(PRESIDING),
  'GET /api/display': global(['display'], { refusal: 404, refusals: { anonymous: 404 } }),
  'GET /api/meetings/{meetingId}/statistics': meeting(PRESIDING),
  // Minutes and signing.
  'GET /api/meetings/{meetingId}/minutes/{kind}': meeting(SEATED),
  'POST /api/meetings/{meetingId}/minutes/{kind}/draft': meeting(MANAGING),
  'PUT /api/meetings/{meetingId}/minutes/{kind}/draft': meeting(MANAGING),
  'POST /api/meetings/{meetingId}/minutes/{kind}/finalize': meeting(PRESIDING),
  'GET /api/meetings/{meetingId}/minutes/{kind}/versions': meeting(SEATED),
  'GET /api/meetings/{meetingId}/minutes/{kind}/versions/{version}/pdf': meeting(SEATED),
  'GET /api/meetings/{meetingId}/motions/{motionId}/result.pdf': meeting(SEATED),
  'GET /api/meetings/{meetingId}/signed/{kind}/{ref}': meeting(SEATED),
  'GET /api/meetings/{meetingId}/signed/{kind}/{ref}/pdf': meeting(SEATED),
  'POST /api/meetings/{meetingId}/signed/{kind}/{ref}/sign': meeting(PRESIDING),
  'POST /api/meetings/{meetingId}/signed/{kind}/{ref}/requests': meeting(PRESIDING),
  'GET /api/meetings/{meetingId}/document-chain': meeting(PRESIDING),
  // Voting.
  'GET /api/meetings/{meetingId}/vote-settings': meeting(SEATED),
  'PUT /api/meetings/{meetingId}/vote-settings': meeting(PRESIDING),
  'GET /api/meetings/{meetingId}/motions': meeting(SEATED),
  'POST /api/meetings/{meetingId}/motions': meeting(PRESIDING),
  'PATCH /api/meetings/{meetingId}/motions/{motionId}': meeting(PRESIDING),
  'DELETE /api/meetings/{meetingId}/motions/{motionId}': meeting(PRESIDING, NOBODY, { last: true }),
  'GET /api/meetings/{meetingId}/motions/{motionId}/result': meeting([...SEATED, 'display'], NOBODY, { refusals: { display: 403 } }),
  'GET /api/meetings/{meetingId}/vote-chain': meeting(['admin', ...PRESIDING], ['admin']),
  // Annotations: one's own notes on documents one may read.
  'POST /api/annotations/ops': meeting(DOC_MANAGERS_AND_SEATED, ['admin'], { perItem: true }),
  'GET /api/documents/{documentId}/versions/{version}/annotations': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{documentId}/versions/{version}/with-my-notes.pdf': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  'GET /api/documents/{documentId}/versions/{version}/annotations.jsonld': meeting(DOC_MANAGERS_AND_SEATED, ['admin']),
  // Presenter mode and recordings.
  'GET /api/display/presentation/file': global(['display'], { refusal: 401 }),
  'GET /api/meetings/{meetingId}/recordings': meeting(MANAGING),
  'GET /api/meetings/{meetingId}/recordings/{recordingId}/file': meeting(MANAGING),
};

type Methods<M extends string> = { [K in M]: Access };

/** The room's own events and every domain's methods; a typed record per domain, so a new method is a type error. */
export const ROOM_EVENT_ACCESS: Record<'room:join' | 'room:leave' | 'room:resync' | 'clock:sync' | 'room:notice', Access> = {
  'room:join': meeting([...SEATED, 'display']),
  'room:resync': meeting([...SEATED, 'display']),
  'clock:sync': meeting([...SIGNED_IN, 'display'], [...SIGNED_IN, 'display']),
  'room:notice': meeting(PRESIDING),
  // Leaving a room one is not in is a no-op, so nobody is refused; asked last (the domains' rows need the room joined).
  'room:leave': meeting([...SIGNED_IN, 'display'], [...SIGNED_IN, 'display']),
};

export const FLOOR_ACCESS: Methods<FloorMethod> = {
  start: meeting(PRESIDING),
  setSettings: meeting(PRESIDING),
  openItem: meeting(PRESIDING),
  requestFloor: meeting(SEATED),
  withdraw: meeting(SEATED),
  giveFloor: meeting(PRESIDING),
  extendSpeech: meeting(PRESIDING),
  endSpeech: meeting(PRESIDING),
  reorderQueue: meeting(PRESIDING),
  markAttendance: meeting(PRESIDING),
  checkIn: meeting(SEATED),
  confirmRollCall: meeting(['siteOperator']),
  closeItem: meeting(PRESIDING),
  // Closing the session ends the meeting for the conference too: asked after every other event.
  end: meeting(PRESIDING, NOBODY, { last: true }),
};

/** Only the presenter changes a presentation: the secretary, who started it last (the chair started it before). */
const PRESENTER: readonly Actor[] = ['secretary'];

export const PRESENTATION_ACCESS: Methods<PresentationMethod> = {
  start: meeting(PRESIDING),
  view: meeting(PRESENTER),
  stroke: meeting(PRESENTER),
  points: meeting(PRESENTER),
  clearInk: meeting(PRESENTER),
  stop: meeting(PRESIDING),
};

export const VOTE_ACCESS: Methods<VoteMethod> = {
  myBallots: meeting(SEATED),
  open: meeting(PRESIDING),
  cast: meeting(SEATED),
  close: meeting(PRESIDING),
};

/** The conference: who may join decides the rest (a caller who could not join is CONFERENCE_NOT_JOINED). */
export const CONFERENCE_ACCESS: Methods<ConferenceMethod> = {
  capabilities: meeting([...SEATED, 'display']),
  join: meeting([...SEATED, 'display']),
  createTransport: meeting([...SEATED, 'display']),
  connectTransport: meeting([...SEATED, 'display']),
  produce: meeting(SEATED),
  resumeConsumer: meeting([...SEATED, 'display']),
  setConsumerView: meeting([...SEATED, 'display']),
  raiseHand: meeting(SEATED),
  giveFloor: meeting(PRESIDING),
  muteAudio: meeting(PRESIDING),
  setAutoSpotlight: meeting(PRESIDING),
  startRecording: meeting(PRESIDING),
  stopRecording: meeting(PRESIDING),
  present: meeting(PRESIDING),
  leave: meeting([...SEATED, 'display']),
};

/** Domain events by name, each with its methods' rows. */
export const DOMAIN_EVENT_ACCESS: Record<string, Record<string, Access>> = {
  'conference:request': CONFERENCE_ACCESS,
  'presentation:request': PRESENTATION_ACCESS,
  'floor:request': FLOOR_ACCESS,
  'vote:request': VOTE_ACCESS,
};

/** Every socket row, `event` or `event method`, in the order the spec asks them (order matters for state). */
export function socketRows(): [string, Access][] {
  const { 'room:leave': leave, ...room } = ROOM_EVENT_ACCESS;
  const rows: [string, Access][] = [
    ...Object.entries(room),
    ...Object.entries(DOMAIN_EVENT_ACCESS).flatMap(([event, methods]) => Object.entries(methods).map(([m, a]) => [`${event} ${m}`, a] as [string, Access])),
  ];
  return [...rows.filter(([, a]) => !a.last), ...rows.filter(([, a]) => a.last), ['room:leave', leave]];
}

/** Socket acknowledgement codes that mean "not you". */
export const SOCKET_REFUSALS = ['AUTH_REQUIRED', 'FORBIDDEN', 'MEETING_ACCESS_DENIED', 'CONFERENCE_NOT_JOINED'];
