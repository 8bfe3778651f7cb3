import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { RollCallRow } from './site-roll-call';

export interface SiteRollCallData {
  siteName: string;
  rows: RollCallRow[];
}

/** A site's operator ticks who of the meeting's members is present at the site, and confirms (the roll call). */
@Component({
  selector: 'ph-site-roll-call-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatDialogModule, ...I18N_PIPES],
  template: `
    <h2 mat-dialog-title>{{ 'conf.rollCallTitle' | t }}</h2>
    <mat-dialog-content>
      <p class="intro">{{ 'conf.rollCallIntro' | t: { site: data.siteName } }}</p>
      <ul class="people" data-testid="conf-roll-call-list">
        @for (r of data.rows; track r.userId) {
          <li>
            <mat-checkbox [checked]="ticked().has(r.userId)" (change)="toggle(r.userId, $event.checked)" [attr.data-testid]="'conf-roll-call-' + r.userId">
              <span class="name">{{ r.fullName }}</span>
              @if (r.unitName) { <span class="unit">{{ r.unitName }}</span> }
              @if (r.elsewhere) {
                <span class="elsewhere">{{ (r.elsewhere === 'hall' ? 'conf.rollCallInHall' : 'conf.rollCallAtSite') | t: { site: r.elsewhere } }}</span>
              }
            </mat-checkbox>
          </li>
        } @empty {
          <li class="none">{{ 'conf.rollCallNone' | t }}</li>
        }
      </ul>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" (click)="confirm()" data-testid="conf-roll-call-confirm">
        {{ 'conf.rollCallConfirm' | t: { count: count() } }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .intro { margin: 0 0 12px; }
    .people { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; }
    .people li { min-height: 48px; display: flex; align-items: center; }
    .name { font-weight: 600; margin-right: 8px; }
    .unit, .elsewhere { color: var(--mat-sys-on-surface-variant); font-size: 0.9em; margin-right: 8px; }
    .elsewhere { font-style: italic; }
  `,
})
export class SiteRollCallDialog {
  protected readonly data = inject<SiteRollCallData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SiteRollCallDialog, string[]>>(MatDialogRef);
  protected readonly ticked = signal(new Set(this.data.rows.filter((r) => r.present).map((r) => r.userId)));
  protected readonly count = computed(() => this.ticked().size);

  protected toggle(userId: string, on: boolean): void {
    const next = new Set(this.ticked());
    if (on) next.add(userId);
    else next.delete(userId);
    this.ticked.set(next);
  }

  protected confirm(): void {
    this.ref.close([...this.ticked()]);
  }
}
