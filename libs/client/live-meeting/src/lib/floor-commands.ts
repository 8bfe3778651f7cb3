import { Injectable, inject, signal } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RealtimeClient, toApiError } from '@phonghop/client-data-access';
import { I18nService, type MessageKey, type MessageParams } from '@phonghop/client-i18n';
import type { FloorMethod, FloorRequests } from '@phonghop/contracts';

/**
 * Sends the live meeting's requests on the room's socket and shows what went wrong as the meeting page does:
 * the server's own message (an ack's error has the same ApiErrorBody shape as HTTP) in a snack bar. Provided
 * per panel, so its parts share one `busy` state.
 */
@Injectable()
export class FloorCommands {
  private readonly realtime = inject(RealtimeClient);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  /** Requests in flight. */
  readonly busy = signal(0);

  /** Sends one request; answers its data, or null after showing the error. */
  async send<M extends FloorMethod>(method: M, data: FloorRequests[M]['req'], done?: MessageKey, params?: MessageParams): Promise<FloorRequests[M]['res'] | null> {
    this.busy.update((n) => n + 1);
    try {
      const ack = await this.realtime.floor(method, data);
      if (!ack.ok) {
        this.fail(ack.error);
        return null;
      }
      if (done) this.toast(done, params);
      return ack.data as FloorRequests[M]['res'];
    } finally {
      this.busy.update((n) => n - 1);
    }
  }

  /** Runs a REST call the same way. */
  async run<T>(work: () => Promise<T>, done?: MessageKey, params?: MessageParams): Promise<T | null> {
    this.busy.update((n) => n + 1);
    try {
      const result = await work();
      if (done) this.toast(done, params);
      return result;
    } catch (e) {
      this.fail(e);
      return null;
    } finally {
      this.busy.update((n) => n - 1);
    }
  }

  fail(error: unknown): void {
    this.snackBar.open(this.i18n.errorMessage(toApiError(error)), this.i18n.t('common.close'), { duration: 6000 });
  }

  toast(key: MessageKey, params?: MessageParams): void {
    this.snackBar.open(this.i18n.t(key, params), undefined, { duration: 3000 });
  }
}
