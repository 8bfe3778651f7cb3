import { Inject, Logger } from '@nestjs/common';
import { type OnGatewayInit, WebSocketGateway } from '@nestjs/websockets';
import { errorBody, REALTIME_PATH } from '@phonghop/contracts';
import { ApiError } from '@phonghop/server-core';
import type { Namespace, Socket } from 'socket.io';
import { CONFERENCE_OPTIONS, type ConferenceOptions } from '../conference.options';
import { ConferenceService } from '../conference.service';
import { type AckSocket, socketChannel } from './cascade-channel';
import { CascadeLink, endpointOf } from './cascade-link';
import type { LinkAccepted } from './cascade-protocol';
import { verifyLinkToken } from './link-token';

/**
 * The upper server's side of a cascade: lower servers connect to `/cascade` on the realtime path with a signed
 * token (link-token.ts), then link one conference per connection. Refused without a valid token, so with no
 * CASCADE_LOWER_SERVERS configured nobody can link.
 */
@WebSocketGateway({ path: REALTIME_PATH, namespace: 'cascade', serveClient: false })
export class CascadeGateway implements OnGatewayInit {
  private readonly logger = new Logger('CascadeGateway');

  constructor(
    @Inject(CONFERENCE_OPTIONS) private readonly options: ConferenceOptions,
    private readonly conferences: ConferenceService,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use((socket, next) => {
      const server = verifyLinkToken(socket.handshake.auth, this.options.cascade.lowerServers);
      if (!server) {
        // Who tried, not with what: the token is a credential.
        this.logger.warn({ address: socket.handshake.address, claimed: String((socket.handshake.auth as { server?: unknown })?.server ?? '').slice(0, 64) }, 'cascade link refused');
        return next(Object.assign(new Error('CASCADE_LINK_REFUSED'), { data: errorBody('CASCADE_LINK_REFUSED') }));
      }
      socket.data.server = server;
      next();
    });
    namespace.on('connection', (socket) => this.connected(socket));
  }

  private connected(socket: Socket): void {
    const server = socket.data.server as string;
    const channel = socketChannel(socket as unknown as AckSocket);
    let link: CascadeLink | undefined;
    const unlink = () => {
      const room = link && this.conferences.room(link.meetingId);
      link?.close();
      link = undefined;
      if (room) this.conferences.closeWhenEmpty(room);
    };
    channel.onRequest(async (msg) => {
      if (msg.method !== 'link') {
        if (!link) throw new ApiError('CONFERENCE_NOT_JOINED');
        return link.handle(msg);
      }
      unlink(); // linking again on the same connection (the lower server's media restarted)
      const room = await this.conferences.openForLink(msg.data.meetingId);
      const pipe = await room.cascadePipe();
      try {
        await pipe.connect(msg.data.pipe);
      } catch {
        pipe.close();
        throw new ApiError('VALIDATION_FAILED');
      }
      const made: CascadeLink = new CascadeLink(server, 'toLower', room, pipe, channel, () => {
        // Our media restarted under the link: drop the connection, the lower server links again.
        if (link === made) unlink();
        socket.disconnect(true);
      });
      link = made;
      // After the answer has gone out: the lower server connects its end first, then hears who is here.
      setImmediate(() => link === made && made.start());
      this.logger.log({ server, meetingId: room.meetingId }, 'lower-level server linked');
      const accepted: LinkAccepted = { pipe: endpointOf(pipe) };
      return accepted;
    });
    socket.on('disconnect', () => {
      if (link) this.logger.log({ server, meetingId: link.meetingId }, 'lower-level server unlinked');
      unlink();
    });
  }
}
