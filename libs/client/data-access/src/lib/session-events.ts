import { Injectable } from '@angular/core';
import { Subject } from 'rxjs';

/**
 * The data layer notices a lost session (401 from any call, `session:ended` on the socket) but
 * must not know about routes; the auth feature listens here and sends the user to the login page.
 */
@Injectable({ providedIn: 'root' })
export class SessionEvents {
  private readonly lost = new Subject<void>();
  readonly sessionLost$ = this.lost.asObservable();

  notifySessionLost(): void {
    this.lost.next();
  }
}
