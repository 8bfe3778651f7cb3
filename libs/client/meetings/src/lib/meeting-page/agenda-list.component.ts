import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { numberAgenda, type AgendaNode } from '../agenda';

/** The agenda as participants read it: 1, 1.1, 1.2, 2 … with presenter and planned minutes. */
@Component({
  selector: 'ph-agenda-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    @if (numbered().length === 0) {
      <p class="empty" data-testid="agenda-empty">{{ 'agenda.empty' | t }}</p>
    } @else {
      <ol class="agenda" role="list">
        @for (n of numbered(); track n.item.id) {
          <li class="item" [class.sub]="n.depth === 1" [attr.data-testid]="'agenda-item-' + n.index">
            <span class="num">{{ n.number }}</span>
            <div class="body">
              <span class="title">{{ n.item.title }}</span>
              @if (n.item.presenter || n.item.plannedMinutes) {
                <span class="meta">
                  @if (n.item.presenter) { <span><mat-icon svgIcon="person" />{{ n.item.presenter }}</span> }
                  @if (n.item.plannedMinutes) { <span><mat-icon svgIcon="schedule" />{{ 'agenda.minutes' | t: { count: n.item.plannedMinutes } }}</span> }
                </span>
              }
              @if (n.item.description) { <p class="description">{{ n.item.description }}</p> }
            </div>
          </li>
        }
      </ol>
    }
  `,
  styleUrl: './agenda.scss',
})
export class AgendaListComponent {
  readonly tree = input.required<AgendaNode[]>();
  protected readonly numbered = computed(() => numberAgenda(this.tree()));
}
