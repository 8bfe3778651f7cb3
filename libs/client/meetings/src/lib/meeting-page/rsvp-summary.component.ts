import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { RSVP_ICONS, rsvpKey } from '../labels';
import { rsvpBars, type RsvpCounts } from '../rsvp';

/** Answers at a glance: the four counts with a small bar chart (people would rather look than read). */
@Component({
  selector: 'ph-rsvp-summary',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <div class="stack" role="img" [attr.aria-label]="'rsvp.chartLabel' | t: { attending: counts().attending, total: counts().total }">
      @for (b of bars(); track b.state) {
        @if (b.percent > 0) { <span class="seg" [attr.data-state]="b.state" [style.width.%]="b.percent"></span> }
      }
    </div>
    <ul class="bars" role="list" data-testid="rsvp-summary">
      @for (b of bars(); track b.state) {
        <li class="bar-row" [attr.data-state]="b.state">
          <span class="label"><mat-icon [svgIcon]="icons[b.state]" />{{ rsvpKey(b.state) | t }}</span>
          <span class="track"><span class="fill" [style.width.%]="b.percent"></span></span>
          <span class="count" [attr.data-testid]="'rsvp-count-' + b.state">{{ b.count }}</span>
        </li>
      }
    </ul>
    <p class="total">{{ 'rsvp.total' | t: { count: counts().total } }}</p>
  `,
  styles: `
    :host { display: block; }
    .stack {
      display: flex; height: 14px; border-radius: 7px; overflow: hidden; margin-bottom: 16px;
      background: var(--mat-sys-surface-container-high);
    }
    .bars { margin: 0; padding: 0; list-style: none; display: flex; flex-direction: column; gap: 10px; }
    .bar-row { display: grid; grid-template-columns: 150px 1fr 36px; align-items: center; gap: 10px; }
    .label { display: inline-flex; align-items: center; gap: 6px; font-size: 14px; }
    .label mat-icon { width: 20px; height: 20px; }
    .track { height: 22px; border-radius: 6px; background: var(--mat-sys-surface-container); overflow: hidden; }
    .fill { display: block; height: 100%; border-radius: 6px; transition: width 300ms ease; }
    .count { font-size: 20px; font-weight: 700; text-align: right; font-variant-numeric: tabular-nums; }
    .total { margin: 12px 0 0; font-size: 14px; color: var(--mat-sys-on-surface-variant); }
    [data-state='attending'] .fill, .seg[data-state='attending'] { background: #1b9e55; }
    [data-state='attending'] mat-icon { color: #1b9e55; }
    [data-state='declined'] .fill, .seg[data-state='declined'] { background: #c62828; }
    [data-state='declined'] mat-icon { color: #c62828; }
    [data-state='delegated'] .fill, .seg[data-state='delegated'] { background: #d99a00; }
    [data-state='delegated'] mat-icon { color: #b07d00; }
    [data-state='pending'] .fill, .seg[data-state='pending'] { background: #8a97a8; }
    [data-state='pending'] mat-icon { color: #5f6b7a; }
  `,
})
export class RsvpSummaryComponent {
  readonly counts = input.required<RsvpCounts>();
  protected readonly bars = computed(() => rsvpBars(this.counts()));
  protected readonly icons = RSVP_ICONS;
  protected readonly rsvpKey = rsvpKey;
}
