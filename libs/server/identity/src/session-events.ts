import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';

export interface SessionsEnded {
  /** Sessions that ended; realtime drops their sockets. */
  sessionIds: string[];
}

/** Tells other domains (realtime) that sessions ended, without them depending on how. */
@Injectable()
export class SessionEvents {
  readonly ended$ = new Subject<SessionsEnded>();

  emitEnded(sessionIds: string[]): void {
    if (sessionIds.length) this.ended$.next({ sessionIds });
  }
}
