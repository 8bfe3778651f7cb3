import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import type { AttendanceGroupDto } from '@phonghop/contracts';
import { attendanceRows, type StackRow } from './bars';

/** Present and absent per group (unit or place) as horizontal stacked bars on one scale, the figures written on them. */
@Component({
  selector: 'ph-attendance-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [...I18N_PIPES],
  template: `
    <ul class="rows">
      @for (row of rows(); track $index) {
        <li class="row" [attr.data-testid]="testId() + '-' + $index" [attr.data-present]="row.present" [attr.data-absent]="row.absent">
          <span class="label">{{ name(row) }}</span>
          <span class="line">
            <span class="track" role="img" [attr.aria-label]="aria(row)">
              @if (row.present) {
                <span class="seg present" [style.width.%]="row.presentPct">{{ row.presentPct >= 8 ? row.present : '' }}</span>
              }
              @if (row.absent) {
                <span class="seg absent" [style.width.%]="row.absentPct">{{ row.absentPct >= 8 ? row.absent : '' }}</span>
              }
            </span>
            <span class="value" aria-hidden="true">{{ row.present }}/{{ row.total }}</span>
          </span>
        </li>
      }
    </ul>
  `,
  styleUrls: ['./chart.scss'],
  styles: `
    .present { background: var(--present); }
    .absent { background: var(--absent); color: #3b3f45; }
  `,
})
export class AttendanceChartComponent {
  readonly groups = input.required<AttendanceGroupDto[]>();
  /** The name of the group without one: the hall (by place), or people without a unit (by unit). */
  readonly unnamed = input.required<MessageKey>();
  readonly testId = input('stats-group');

  private readonly i18n = inject(I18nService);
  protected readonly rows = computed(() => attendanceRows(this.groups()));

  protected name(row: StackRow): string {
    return row.name ?? this.i18n.t(this.unnamed());
  }

  protected aria(row: StackRow): string {
    return this.i18n.t('stats.groupAria', { name: this.name(row), present: row.present, absent: row.absent, total: row.total });
  }
}
