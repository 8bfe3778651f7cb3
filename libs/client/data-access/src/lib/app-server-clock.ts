import { Injectable, inject } from '@angular/core';
import { RealtimeClient } from './realtime.client';
import { ServerClock } from './server-clock';

/** The tab's server clock, over its realtime socket (kept apart from ServerClock so that one is testable bare). */
@Injectable({ providedIn: 'root' })
export class AppServerClock extends ServerClock {
  constructor() {
    super(inject(RealtimeClient));
  }
}
