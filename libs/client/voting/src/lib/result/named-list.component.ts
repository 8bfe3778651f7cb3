import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { routeKey } from '../vote-labels';
import type { NamedRow } from './result-view';

/** A named vote's list: each member, their choice, and whose hand cast it when not their own (proxy, site). */
@Component({
  selector: 'ph-vote-named-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <ol class="named" data-testid="vote-named-list" [class.columns]="columns()">
      @for (row of rows(); track row.forUserId) {
        <li [attr.data-testid]="'vote-named-' + row.forUserId" [attr.data-route]="row.route">
          <span class="name">{{ row.fullName }}</span>
          <span class="choice">{{ row.choices }}</span>
          @if (row.route !== 'self') {
            <span class="route" [attr.data-route]="row.route">
              <mat-icon [svgIcon]="row.route === 'site' ? 'videocam' : 'forward'" />{{ routeKey(row.route) | t }}@if (row.castByName) { · {{ row.castByName }} }
            </span>
          }
          @if (row.weight) { <span class="weight">{{ 'vote.result.weightShort' | t: { weight: row.weight } }}</span> }
        </li>
      } @empty {
        <li class="empty">{{ 'vote.result.namedEmpty' | t }}</li>
      }
    </ol>
  `,
  styles: `
    :host { display: block; }
    .named { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
    .named.columns { grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); column-gap: 16px; }
    li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 2px 10px; padding: 8px 4px; border-bottom: 1px solid var(--vn-line, rgba(0, 0, 0, 0.08)); }
    .name { font-weight: 650; }
    .choice { margin-left: auto; font-weight: 700; }
    .route { display: inline-flex; align-items: center; gap: 4px; flex-basis: 100%; font-size: 13px; opacity: 0.8; }
    .route mat-icon { width: 16px; height: 16px; }
    .weight { font-size: 13px; opacity: 0.8; }
    .empty { opacity: 0.7; }
  `,
})
export class NamedListComponent {
  readonly rows = input.required<NamedRow[]>();
  /** Several columns (the hall display). */
  readonly columns = input(false);
  protected readonly routeKey = routeKey;
}
