import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { MeetingStatisticsDto } from '@phonghop/contracts';
import { documentRows, type DocumentRow } from './bars';

/** Per published document: how many of those it went to received it on their tablet, and how many opened it. */
@Component({
  selector: 'ph-documents-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <ul class="legend" aria-hidden="true">
      <li><i class="received"></i>{{ 'stats.received' | t }}</li>
      <li><i class="opened"></i>{{ 'stats.opened' | t }}</li>
      <li><i class="recipients"></i>{{ 'stats.recipientsLegend' | t }}</li>
    </ul>
    <ul class="rows">
      @for (row of rows(); track row.documentId) {
        <li class="row" [attr.data-testid]="'stats-document-' + row.documentId" [attr.data-received]="row.received" [attr.data-opened]="row.opened">
          <span class="label">{{ row.title }} <small>{{ 'stats.recipients' | t: { count: row.recipients, version: row.version } }}</small></span>
          <span class="bars" role="img" [attr.aria-label]="aria(row)">
            <span class="line">
              <span class="track thin"><span class="base" [style.width.%]="row.recipientsPct"><span class="seg received" [style.width.%]="row.receivedPct"></span></span></span>
              <span class="value" aria-hidden="true">{{ 'stats.received' | t }} {{ row.received }}/{{ row.recipients }}</span>
            </span>
            <span class="line">
              <span class="track thin"><span class="base" [style.width.%]="row.recipientsPct"><span class="seg opened" [style.width.%]="row.openedPct"></span></span></span>
              <span class="value" aria-hidden="true">{{ 'stats.opened' | t }} {{ row.opened }}/{{ row.recipients }}</span>
            </span>
          </span>
        </li>
      }
    </ul>
  `,
  styleUrls: ['./chart.scss'],
  styles: `
    .base { display: flex; height: 100%; border-radius: 6px; background: #d5dde7; }
    .received { background: var(--received); }
    .opened { background: var(--opened); }
    .recipients { background: #d5dde7; }
    .value { min-width: 130px; }
  `,
})
export class DocumentsChartComponent {
  readonly documents = input.required<MeetingStatisticsDto['documents']>();

  private readonly i18n = inject(I18nService);
  protected readonly rows = computed(() => documentRows(this.documents()));

  protected aria(row: DocumentRow): string {
    return this.i18n.t('stats.documentAria', { title: row.title, received: row.received, opened: row.opened, recipients: row.recipients });
  }
}
