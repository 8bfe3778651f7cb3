import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { LiveMeetingApi } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import type { CheckInCodeDto, CreatedDisplayDto, DisplayDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { TextPromptDialog, type TextPromptData } from '../dialogs';
import { FloorCommands } from '../floor-commands';
import { QrCodeComponent } from './qr-code.component';

/**
 * The hall's screens, for the chair and secretaries: the check-in QR (the same the display shows) to show on this
 * tablet or print, and display links for a projector or TV: create (the full link is shown once), list, revoke.
 */
@Component({
  selector: 'ph-live-hall-screen',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, QrCodeComponent, ...I18N_PIPES],
  templateUrl: './hall-screen.component.html',
  styleUrl: './hall-screen.component.scss',
})
export class HallScreenComponent {
  readonly meetingId = input.required<string>();
  /** Check-in is open (published or in progress). */
  readonly open = input(true);

  private readonly api = inject(LiveMeetingApi);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18nService);
  protected readonly commands = inject(FloorCommands);

  protected readonly code = signal<CheckInCodeDto | null>(null);
  protected readonly displays = signal<DisplayDto[]>([]);
  protected readonly created = signal<CreatedDisplayDto | null>(null);
  protected readonly copied = signal(false);
  protected readonly checkInUrl = computed(() => {
    const c = this.code();
    return c ? `${location.origin}${c.path}` : null;
  });
  protected readonly createdUrl = computed(() => {
    const c = this.created();
    return c ? `${location.origin}${c.path}` : null;
  });
  protected readonly activeDisplays = computed(() => this.displays().filter((d) => !d.revokedAt));

  constructor() {
    effect(() => {
      const id = this.meetingId();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    await this.commands.run(async () => {
      const [code, displays] = await Promise.all([firstValueFrom(this.api.checkInCode(id)), firstValueFrom(this.api.displays(id))]);
      this.code.set(code);
      this.displays.set(displays);
    });
  }

  protected renewCode(): void {
    const data: ConfirmDialogData = { title: 'live.screen.renewTitle', message: 'live.screen.renewConfirm', confirm: 'live.screen.renew' };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        void this.commands.run(async () => this.code.set(await firstValueFrom(this.api.renewCheckInCode(this.meetingId()))), 'live.screen.renewed');
      });
  }

  protected createDisplay(): void {
    const data: TextPromptData = {
      title: 'live.screen.createTitle',
      message: 'live.screen.createBody',
      label: 'live.screen.label',
      confirm: 'live.screen.create',
      required: true,
      maxLength: 100,
    };
    this.dialog
      .open<TextPromptDialog, TextPromptData, string>(TextPromptDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((label) => {
        if (!label) return;
        void this.commands.run(async () => {
          const created = await firstValueFrom(this.api.createDisplay(this.meetingId(), label));
          this.created.set(created);
          this.copied.set(false);
          this.displays.set(await firstValueFrom(this.api.displays(this.meetingId())));
        });
      });
  }

  protected async copy(text: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      if (text === this.createdUrl()) this.copied.set(true);
      this.commands.toast('live.screen.copied');
    } catch {
      // No clipboard (plain http on a LAN address): the link is selectable, one tap selects it all.
      this.commands.toast('live.screen.copyManually');
    }
  }

  protected revoke(display: DisplayDto): void {
    const data: ConfirmDialogData = {
      title: 'live.screen.revokeTitle',
      message: 'live.screen.revokeConfirm',
      params: { label: display.label },
      confirm: 'live.screen.revoke',
      danger: true,
    };
    this.dialog
      .open(ConfirmDialog, { data, width: '92vw', maxWidth: '520px' })
      .afterClosed()
      .subscribe((ok) => {
        if (!ok) return;
        void this.commands.run(async () => {
          await firstValueFrom(this.api.revokeDisplay(this.meetingId(), display.id));
          if (this.created()?.id === display.id) this.created.set(null);
          this.displays.set(await firstValueFrom(this.api.displays(this.meetingId())));
        }, 'live.screen.revoked');
      });
  }

  protected dismissCreated(): void {
    this.created.set(null);
  }

  protected date(iso: string): string {
    return this.i18n.formatDateTime(iso, { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });
  }
}
