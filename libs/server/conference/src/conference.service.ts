import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import { type Ack, type ConferencePresentation, type ConferenceRequest, type ErrorCode, type FloorState, errorBody } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import { type AuthenticatedUser } from '@phonghop/server-identity';
import { LiveMeetingService } from '@phonghop/server-live-meeting';
import { MeetingEntity, MeetingsService, SiteParticipantsService } from '@phonghop/server-meetings';
import { PresentationService } from '@phonghop/server-presentation';
import { ConferenceSiteEntity, OrgUnitEntity } from '@phonghop/server-organisation';
import { type DisplayClient, MeetingRouter, type RealtimeClient, RoomHub, type SocketChannel, SocketRequests } from '@phonghop/server-realtime';
import type { Subscription } from 'rxjs';
import { Repository } from 'typeorm';
import { DISPLAY_METHODS, HOST_METHODS, parseConferenceRequest } from './conference-request';
import { mediaFailureCode } from './media-failure';
import { MediaWorkerPool } from './media/media-worker-pool';
import { ConferenceRecorder } from './recording/conference-recorder';
import { ConferencePeer, type PeerIdentity } from './room/conference-peer';
import { ConferenceRoom, type InvitedSite } from './room/conference-room';

const OPEN_STATUSES = ['published', 'in_progress'];
/** An emptied conference keeps its state (lost sites, floor) this long, for a host reloading the page. */
const EMPTY_ROOM_GRACE_MS = 60_000;
/** Worker deaths within this window are handled as one. */
const DEATH_BATCH_MS = 250;

const fail = (code: ErrorCode): Ack<never> => ({ ok: false, error: errorBody(code) });

/**
 * Conference signalling: checks who may do what (per meeting and per meeting role), then hands the request to
 * the meeting's ConferenceRoom. Rides on the realtime socket through SocketRequests.
 */
@Injectable()
export class ConferenceService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ConferenceService');
  private readonly rooms = new Map<string, ConferenceRoom>();
  private readonly opening = new Map<string, Promise<ConferenceRoom>>();
  private readonly emptyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private died?: Subscription;
  private floorFollow?: Subscription;
  private invitationsFollow?: Subscription;
  private readonly roomOpened = new Set<(room: ConferenceRoom) => void>();
  private readonly roomClosed = new Set<(room: ConferenceRoom) => void>();

  constructor(
    private readonly pool: MediaWorkerPool,
    private readonly recorder: ConferenceRecorder,
    private readonly sockets: SocketRequests,
    private readonly hub: RoomHub,
    private readonly meetingsAccess: MeetingsService,
    private readonly live: LiveMeetingService,
    @InjectRepository(MeetingEntity) private readonly meetings: Repository<MeetingEntity>,
    @InjectRepository(ConferenceSiteEntity) private readonly sites: Repository<ConferenceSiteEntity>,
    @InjectRepository(OrgUnitEntity) private readonly units: Repository<OrgUnitEntity>,
    private readonly modules: ModuleRef,
    private readonly invited: SiteParticipantsService,
    private readonly router: MeetingRouter,
  ) {}

  onModuleInit(): void {
    this.sockets.handle('conference:request', (client, body) => this.handle(client, body));
    this.sockets.handleDisplay('conference:request', (client, body) => this.handleDisplay(client, body));
    this.sockets.onDisconnect((client) => this.disconnected(client));
    // Several API processes: a meeting taken over from a process that is gone lost its media with it. Everyone in
    // the conference rebuilds as after a worker restart (rejoining here); the others ignore the notice.
    this.router.onTakeover((_meetingId, toMeeting) => toMeeting('conference:notification', { method: 'reconnect', data: { reason: 'worker-restarted' } }));
    // One floor for the hall and every site: the live meeting decides, the SFU follows (unmute + spotlight).
    this.floorFollow = this.live.floorChanged$.subscribe(({ meetingId, floor, speakerChanged }) => {
      void this.followFloor(meetingId, floor, speakerChanged).catch((err: unknown) => this.logger.warn({ err, meetingId }, 'could not follow the floor'));
    });
    // A site invited (or taken off) while the conference is open shows up in (or leaves) the host's site tree at once.
    this.invitationsFollow = this.invited.changed$.subscribe((meetingId) => {
      void this.refreshInvitedSites(meetingId).catch((err: unknown) => this.logger.warn({ err, meetingId }, 'could not refresh the invited sites'));
    });
    // Deaths close together (a machine under memory pressure, an operator killing all workers) make one
    // rebuild: a reconnect while clients are still rebuilding from the first would cost them a second round.
    let dead: number[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    this.died = this.pool.died$.subscribe((index) => {
      dead.push(index);
      timer ??= setTimeout(() => {
        const indices = dead;
        dead = [];
        timer = undefined;
        for (const room of this.rooms.values()) void room.workersDied(indices);
      }, DEATH_BATCH_MS);
    });
  }

  onModuleDestroy(): void {
    this.died?.unsubscribe();
    this.floorFollow?.unsubscribe();
    this.invitationsFollow?.unsubscribe();
    for (const t of this.emptyTimers.values()) clearTimeout(t);
    for (const room of this.rooms.values()) this.closeRoom(room);
    this.rooms.clear();
  }

  /** Cascade links follow rooms: a lower server links up when its conference opens, and unlinks when it closes. */
  onRoomOpened(listener: (room: ConferenceRoom) => void): void {
    this.roomOpened.add(listener);
  }

  onRoomClosed(listener: (room: ConferenceRoom) => void): void {
    this.roomClosed.add(listener);
  }

  /** A lower server links its conference to this meeting's: the same checks as a person joining, minus the person. */
  async openForLink(meetingId: string): Promise<ConferenceRoom> {
    if (!this.pool.enabled) throw new ApiError('CONFERENCE_UNAVAILABLE');
    const meeting = await this.meetings.findOne({ where: { id: meetingId }, select: { id: true, kind: true, status: true } });
    if (!meeting) throw new ApiError('MEETING_NOT_FOUND');
    if (meeting.kind === 'in_person') throw new ApiError('CONFERENCE_NOT_ONLINE');
    if (!OPEN_STATUSES.includes(meeting.status)) throw new ApiError('CONFERENCE_NOT_OPEN');
    const room = await this.open(meetingId);
    clearTimeout(this.emptyTimers.get(meetingId));
    return room;
  }

  /** The room of a meeting, if its conference is open (for tests and the operator's status page). */
  room(meetingId: string): ConferenceRoom | undefined {
    return this.rooms.get(meetingId);
  }

  /** Opens (or returns) a meeting's room without a peer, for media benchmarks (apps/api/src/app/bench-probe.ts). */
  openRoom(meetingId: string): Promise<ConferenceRoom> {
    return this.open(meetingId);
  }

  async handle(client: RealtimeClient, body: unknown): Promise<Ack<unknown>> {
    const req = parseConferenceRequest(body);
    if (!req) return fail('VALIDATION_FAILED');
    if (!this.pool.enabled) return fail('CONFERENCE_UNAVAILABLE');
    try {
      return { ok: true, data: await this.dispatch(client, req) };
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code);
      const refused = mediaFailureCode(err);
      if (refused) return fail(refused);
      this.logger.error({ err, method: req.method }, 'conference request failed');
      return fail('INTERNAL_ERROR');
    }
  }

  /**
   * A hall display receives the conference (the spotlighted site's video on the projector): only the receiving
   * methods, only its own meeting's conference, and it is never listed among the peers.
   */
  async handleDisplay(client: DisplayClient, body: unknown): Promise<Ack<unknown>> {
    const req = parseConferenceRequest(body);
    if (!req) return fail('VALIDATION_FAILED');
    if (!DISPLAY_METHODS.has(req.method) || (req.method === 'createTransport' && req.data.direction !== 'recv')) return fail('FORBIDDEN');
    if (req.data.meetingId !== client.meetingId) return fail('MEETING_ACCESS_DENIED');
    if (!this.pool.enabled) return fail('CONFERENCE_UNAVAILABLE');
    try {
      const meeting = await this.meetings.findOne({ where: { id: client.meetingId }, select: { id: true, kind: true, status: true } });
      if (!meeting || meeting.kind === 'in_person') throw new ApiError('CONFERENCE_NOT_ONLINE');
      if (!OPEN_STATUSES.includes(meeting.status)) throw new ApiError('CONFERENCE_NOT_OPEN');
      const room = await this.open(client.meetingId);
      if (req.method === 'capabilities') return { ok: true, data: { routerRtpCapabilities: await room.capabilities() } };
      if (req.method === 'join') {
        room.leave(client.socketId, false);
        clearTimeout(this.emptyTimers.get(room.meetingId));
        const identity = { kind: 'display' as const, userId: `display:${client.displayId}`, displayName: 'Màn hình trình chiếu', siteId: null, unitName: null, unitKind: null, isHost: false };
        return { ok: true, data: room.joinViewer(new ConferencePeer(client.socketId, client, identity), req.data.rtpCapabilities as never) };
      }
      const viewer = room.viewers.get(client.socketId);
      if (!viewer) throw new ApiError('CONFERENCE_NOT_JOINED');
      switch (req.method) {
        case 'createTransport':
          return { ok: true, data: await room.createTransport(viewer, 'recv') };
        case 'connectTransport':
          await room.connectTransport(viewer, req.data.transportId, req.data.dtlsParameters as never);
          return { ok: true, data: null };
        case 'resumeConsumer':
          await room.resumeConsumer(viewer, req.data.consumerId);
          return { ok: true, data: null };
        case 'setConsumerView':
          await room.setConsumerView(viewer, req.data.consumerId, req.data.view);
          return { ok: true, data: null };
        default:
          this.leave(room, viewer.peerId, false);
          return { ok: true, data: null };
      }
    } catch (err) {
      if (err instanceof ApiError) return fail(err.code);
      const refused = mediaFailureCode(err);
      if (refused) return fail(refused);
      this.logger.error({ err, method: req.method }, 'display conference request failed');
      return fail('INTERNAL_ERROR');
    }
  }

  private async dispatch(client: RealtimeClient, req: ConferenceRequest): Promise<unknown> {
    const { meetingId } = req.data;
    if (req.method === 'capabilities') {
      await this.identify(client, meetingId);
      return { routerRtpCapabilities: await (await this.open(meetingId)).capabilities() };
    }
    if (req.method === 'join') {
      const identity = await this.identify(client, meetingId);
      const room = await this.open(meetingId);
      for (const other of room.peers.values()) {
        // One place per person or site: a second device (or a reload) takes over from the first.
        if (other.identity.userId === client.user.id && other.peerId !== client.socketId) {
          room.leave(other.peerId, false);
          other.client?.emit('conference:notification', { method: 'ended', data: { reason: 'left-elsewhere' } });
        }
      }
      room.leave(client.socketId, false);
      clearTimeout(this.emptyTimers.get(meetingId));
      const snapshot = room.join(new ConferencePeer(client.socketId, client, identity), req.data.rtpCapabilities as never);
      // After the snapshot has reached the peer: a participant who has the floor (or waits on the list) has it here
      // too, also after a reconnect — the floor belongs to the participant, not to a socket.
      setImmediate(() => void this.rejoinFloor(meetingId).catch(() => undefined));
      return snapshot;
    }
    const room = this.rooms.get(meetingId);
    const peer = room?.peers.get(client.socketId);
    if (!room || !peer) throw new ApiError('CONFERENCE_NOT_JOINED');
    if (HOST_METHODS.has(req.method) && !peer.identity.isHost) throw new ApiError('FORBIDDEN');
    switch (req.method) {
      case 'createTransport':
        return room.createTransport(peer, req.data.direction);
      case 'connectTransport':
        await room.connectTransport(peer, req.data.transportId, req.data.dtlsParameters as never);
        return null;
      case 'produce': {
        const { transportId, kind, rtpParameters, source } = req.data;
        const producer = await room.produce(peer, transportId, kind, rtpParameters as never, source);
        return { producerId: producer.id, paused: producer.paused };
      }
      case 'resumeConsumer':
        await room.resumeConsumer(peer, req.data.consumerId);
        return null;
      case 'setConsumerView':
        await room.setConsumerView(peer, req.data.consumerId, req.data.view);
        return null;
      case 'leave':
        this.leave(room, peer.peerId, false);
        return null;
      case 'raiseHand':
        if (await this.liveSessionOpen(meetingId)) await this.handToHallList(meetingId, client.user, req.data.raised);
        else room.raiseHand(peer, req.data.raised);
        return null;
      case 'giveFloor':
        await this.giveFloor(room, client.user, req.data.peerId);
        return null;
      case 'muteAudio':
        await room.muteAudio(req.data.peerId, req.data.muted);
        return null;
      case 'setAutoSpotlight':
        room.setAutoSpotlight(req.data.enabled);
        return null;
      case 'startRecording':
        return { recordingId: await this.recorder.start(room, client.user.id) };
      case 'stopRecording':
        await this.recorder.stop(meetingId);
        return null;
      case 'present':
        return this.present(room, client, req.data.documentId, req.data.page);
    }
  }

  /** While the live session runs, the conference's floor is the live meeting's; before it, the SFU's own. */
  private async liveSessionOpen(meetingId: string): Promise<boolean> {
    return (await this.live.currentFloor(meetingId)).phase === 'in_session';
  }

  /** A raised hand in the conference is a request to speak on the live meeting's list (and lowering it withdraws it). */
  private async handToHallList(meetingId: string, user: AuthenticatedUser, raised: boolean): Promise<void> {
    if (!raised) {
      await this.live.withdrawOwn(meetingId, user);
      return;
    }
    try {
      await this.live.requestFloor(meetingId, user, 'speech', null);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'FLOOR_ALREADY_REQUESTED')) throw err;
    }
  }

  /** The host console gives the floor through the live meeting when its session runs, so the hall's screens follow. */
  private async giveFloor(room: ConferenceRoom, user: AuthenticatedUser, peerId: string | null): Promise<void> {
    const target = peerId ? room.peers.get(peerId) : null;
    if (peerId && !target) throw new ApiError('CONFERENCE_NOT_JOINED');
    if (!(await this.liveSessionOpen(room.meetingId)) || (target && !target.client)) {
      await room.giveFloor(peerId);
      return;
    }
    if (target) await this.live.giveFloor(room.meetingId, user, { userId: target.identity.userId });
    else if ((await this.live.currentFloor(room.meetingId)).speaker) await this.live.endSpeech(room.meetingId, user);
  }

  /** The SFU follows the live floor: the speaker's peer (a site or a person online) gets the floor, else the hall. */
  private async followFloor(meetingId: string, floor: FloorState, speakerChanged: boolean): Promise<void> {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    room.followHallQueue(floor.queue);
    if (!speakerChanged) return;
    const peer = floor.speaker ? room.peerOfUser(floor.speaker.userId) : undefined;
    if (peer) await room.giveFloor(peer.peerId);
    else if (room.currentFloor.given) await room.giveFloor(null);
  }

  private async rejoinFloor(meetingId: string): Promise<void> {
    const room = this.rooms.get(meetingId);
    if (!room) return;
    const floor = await this.live.currentFloor(meetingId);
    room.followHallQueue(floor.queue);
    const peer = floor.speaker ? room.peerOfUser(floor.speaker.userId) : undefined;
    if (peer && room.currentFloor.spotlightPeerId !== peer.peerId) await room.giveFloor(peer.peerId);
  }

  /**
   * The conference's "present a page" is presenter mode's one presentation state (the presentation domain checks the
   * document and publishes it); the room remembers that it started one, to end it when the conference closes.
   */
  private async present(room: ConferenceRoom, client: RealtimeClient, documentId: string | null, page: number): Promise<ConferencePresentation | null> {
    const presentations = this.modules.get(PresentationService, { strict: false });
    if (!documentId) {
      await presentations.stop(room.meetingId, client.user);
      room.setPresentation(null);
      return null;
    }
    const current = presentations.current(room.meetingId);
    const presentation =
      current && current.documentId === documentId.toLowerCase() && current.presenterId === client.user.id
        ? { ...current, ...presentations.view(room.meetingId, client.user, { page }) }
        : await presentations.start(room.meetingId, client.user, { documentId, page });
    room.setPresentation(presentation);
    return presentation;
  }

  /** Who the caller is in this meeting's conference; throws when they may not take part. */
  private async identify(client: RealtimeClient, meetingId: string): Promise<PeerIdentity> {
    const meeting = await this.meetings.findOne({ where: { id: meetingId }, select: { id: true, kind: true, status: true } });
    if (!meeting) throw new ApiError('MEETING_NOT_FOUND');
    const access = await this.meetingsAccess.access(meetingId, client.user.id);
    if (!access) throw new ApiError('MEETING_ACCESS_DENIED');
    if (meeting.kind === 'in_person') throw new ApiError('CONFERENCE_NOT_ONLINE');
    if (!OPEN_STATUSES.includes(meeting.status)) throw new ApiError('CONFERENCE_NOT_OPEN');
    const isHost = access.mayPreside;
    const site = access.meetingRole === 'site' && client.user.siteId ? await this.sites.findOne({ where: { id: client.user.siteId } }) : null;
    const unitId = site?.unitId ?? client.user.unitId;
    const unit = unitId ? await this.units.findOne({ where: { id: unitId }, select: { id: true, name: true, kind: true } }) : null;
    return {
      kind: site ? 'site' : 'person',
      userId: client.user.id,
      displayName: site?.name ?? client.user.fullName,
      siteId: site?.id ?? null,
      unitName: unit?.name ?? null,
      unitKind: unit?.kind ?? null,
      isHost,
    };
  }

  private async open(meetingId: string): Promise<ConferenceRoom> {
    const existing = this.rooms.get(meetingId);
    if (existing) return existing;
    let job = this.opening.get(meetingId);
    if (!job) {
      job = this.invitedSites(meetingId)
        .then((sites) => {
          const room = new ConferenceRoom(meetingId, sites, this.pool);
          this.rooms.set(meetingId, room);
          for (const listener of this.roomOpened) listener(room);
          return room;
        })
        .finally(() => this.opening.delete(meetingId));
      this.opening.set(meetingId, job);
    }
    return job;
  }

  /** A room still opening may have read the sites before the change: it is refreshed once it is there. */
  private async refreshInvitedSites(meetingId: string): Promise<void> {
    const room = this.rooms.get(meetingId) ?? (await this.opening.get(meetingId)?.catch(() => undefined));
    if (room) room.setInvitedSites(await this.invitedSites(meetingId));
  }

  /** The meeting's invited sites with the path of units above each (province → district → commune), in tree order. */
  private async invitedSites(meetingId: string): Promise<InvitedSite[]> {
    return (await this.invited.placed(meetingId)).map((s) => ({ siteId: s.id, name: s.name, unitId: s.unitId, unitName: s.unitName, unitKind: s.unitKind, unitPath: s.unitPath }));
  }

  private closeRoom(room: ConferenceRoom): void {
    for (const listener of this.roomClosed) listener(room);
    if (room.currentPresentation) void this.modules.get(PresentationService, { strict: false }).stop(room.meetingId, null);
    room.close();
  }

  private disconnected(client: SocketChannel): void {
    for (const room of this.rooms.values()) {
      if (room.peers.has(client.socketId) || room.viewers.has(client.socketId)) this.leave(room, client.socketId, true);
    }
  }

  private leave(room: ConferenceRoom, peerId: string, lost: boolean): void {
    room.leave(peerId, lost);
    this.closeWhenEmpty(room);
  }

  /** An emptied room (nobody here, no lower server linked) closes after a grace period. */
  closeWhenEmpty(room: ConferenceRoom): void {
    if (!room.empty) return;
    clearTimeout(this.emptyTimers.get(room.meetingId));
    const timer = setTimeout(() => {
      this.emptyTimers.delete(room.meetingId);
      if (!room.empty || this.rooms.get(room.meetingId) !== room) return;
      this.rooms.delete(room.meetingId);
      // Nobody left to record: end the recording before the media goes.
      void this.recorder.stop(room.meetingId).finally(() => this.closeRoom(room));
    }, EMPTY_ROOM_GRACE_MS);
    timer.unref();
    this.emptyTimers.set(room.meetingId, timer);
  }
}
