import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { DocumentsApi, RealtimeClient } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { DocumentDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { SiteRollCallDialog, type SiteRollCallData } from '../roll-call/site-roll-call.dialog';
import { rollCallRows } from '../roll-call/site-roll-call';
import { ConferenceSession } from '../session/conference-session';

/**
 * The conference's bottom bar: this device's microphone and camera, the request to speak (or, holding the floor,
 * the sign that it does), a site's roll call, the host's present and record buttons, and leaving.
 */
@Component({
  selector: 'ph-conference-controls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatMenuModule, RouterLink, ...I18N_PIPES],
  templateUrl: './conference-controls.component.html',
  styleUrl: './conference-controls.component.scss',
})
export class ConferenceControlsComponent {
  readonly meetingId = input.required<string>();

  /** The page's session (provided by the conference page). */
  protected readonly session = inject(ConferenceSession);
  private readonly i18n = inject(I18nService);
  private readonly documentsApi = inject(DocumentsApi);
  private readonly realtime = inject(RealtimeClient);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  /** The meeting's published documents, for the host's "present" menu (loaded when it opens). */
  protected readonly documents = signal<DocumentDto[]>([]);

  /** People confirmed present at this site (its roll call), besides the site itself. */
  protected readonly siteConfirmed = computed(() => {
    const me = this.session.self();
    const attendance = this.session.meetingState()?.attendance ?? {};
    return Object.values(attendance).filter((a) => a.method === 'site' && a.siteId === me?.siteId && a.userId !== me?.userId && a.status === 'present').length;
  });

  protected async loadDocuments(): Promise<void> {
    try {
      this.documents.set((await firstValueFrom(this.documentsApi.list(this.meetingId()))).filter((d) => d.published));
    } catch {
      this.documents.set([]);
    }
  }

  /** A site's operator confirms who of the meeting's members is present at the site: they count towards the quorum. */
  protected rollCall(): void {
    const me = this.session.self();
    const state = this.session.meetingState();
    if (!me || !state) return;
    const data: SiteRollCallData = { siteName: me.displayName, rows: rollCallRows(state.roster, state.attendance, me.siteId) };
    this.dialog
      .open<SiteRollCallDialog, SiteRollCallData, string[]>(SiteRollCallDialog, { data, width: '92vw', maxWidth: '560px' })
      .afterClosed()
      .subscribe((userIds) => {
        if (!userIds) return;
        void this.realtime.floor('confirmRollCall', { meetingId: this.meetingId(), userIds }).then((res) => {
          this.snackBar.open(res.ok ? this.i18n.t('conf.rollCallSaved', { count: userIds.length }) : this.i18n.errorMessage(res.error), this.i18n.t('common.close'), { duration: 5000 });
        });
      });
  }

  protected async toggleHand(): Promise<void> {
    await this.session.raiseHand(!(this.session.self()?.handRaised ?? false));
  }
}
