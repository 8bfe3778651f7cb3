import { ChangeDetectionStrategy, Component, computed, effect, input, model, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatIconModule } from '@angular/material/icon';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { OrgUnitTreeNode } from '@phonghop/contracts';
import { type SitePickerRow, branchState, initiallyExpanded, pickerRows, sitesOnly, toggleBranch } from './site-picker';

/**
 * Sites to invite, as the hierarchy has them (province → district → commune): open a unit to see its sites, tick a
 * unit to choose its whole branch, or tick sites one by one. Sites already in the meeting show ticked and fixed.
 * Rows are at least 56 px high, for a thumb on a tablet.
 */
@Component({
  selector: 'ph-site-tree-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatCheckboxModule, MatIconModule, ...I18N_PIPES],
  template: `
    @if (rows().length === 0) {
      <p class="empty">{{ 'participants.sitesNone' | t }}</p>
    }
    <ul class="tree" role="tree" aria-multiselectable="true" [attr.aria-label]="'participants.sites' | t" data-testid="site-picker">
      @for (row of rows(); track row.type === 'unit' ? row.node.id : 'site-' + row.site.id) {
        @if (row.type === 'unit') {
          @let state = stateOf(row);
          <li class="row unit" role="treeitem" [attr.aria-level]="row.level" [attr.aria-expanded]="row.expandable ? row.expanded : null"
              [attr.aria-selected]="state === 'all'" [style.--level]="row.level" [attr.data-testid]="'site-pick-unit-' + row.node.code">
            @if (row.expandable) {
              <button mat-icon-button type="button" class="toggle" (click)="toggle(row.node.id)"
                      [attr.aria-label]="(row.expanded ? 'units.collapse' : 'units.expand') | t: { name: row.node.name }"
                      [attr.data-testid]="'site-pick-toggle-' + row.node.code">
                <mat-icon [svgIcon]="row.expanded ? 'expand-more' : 'chevron-right'" />
              </button>
            } @else {
              <span class="toggle"></span>
            }
            <mat-checkbox [checked]="state === 'all'" [indeterminate]="state === 'some'" [disabled]="allInvited(row)" (change)="pickBranch(row)"
                          [attr.data-testid]="'site-pick-branch-' + row.node.code">
              <span class="name">{{ row.node.name }}</span>
              <span class="meta">{{ 'participants.branchSites' | t: { count: row.siteIds.length } }}</span>
            </mat-checkbox>
          </li>
        } @else {
          @let invited = isInvited(row.site.id);
          <li class="row site" role="treeitem" [attr.aria-level]="row.level" [attr.aria-selected]="invited || chosen().has(row.site.id)"
              [style.--level]="row.level">
            <span class="toggle"></span>
            <mat-checkbox [checked]="invited || chosen().has(row.site.id)" [disabled]="invited" (change)="pickSite(row.site.id)"
                          [attr.data-testid]="'site-pick-site-' + row.site.id">
              <span class="name"><mat-icon svgIcon="videocam" aria-hidden="true" />{{ row.site.name }}</span>
              @if (invited) { <span class="meta invited">{{ 'participants.siteInvited' | t }}</span> }
            </mat-checkbox>
          </li>
        }
      }
    </ul>
  `,
  styles: `
    :host { display: block; max-height: 44vh; overflow: auto; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    .tree { list-style: none; margin: 0; padding: 4px 0; }
    .row { display: flex; align-items: center; min-height: 56px; padding-inline-start: calc((var(--level) - 1) * 24px); }
    .row.site { background: var(--mat-sys-surface-container-low); }
    .toggle { flex: 0 0 48px; width: 48px; height: 48px; }
    mat-checkbox { flex: 1; min-width: 0; }
    /* The whole row is the tap target, not only the box and the words: a thumb on a tablet needs the room. */
    :host ::ng-deep mat-checkbox .mdc-form-field { display: flex; width: 100%; min-height: 48px; }
    :host ::ng-deep mat-checkbox .mdc-form-field > label { flex: 1; padding-block: 12px; cursor: pointer; }
    .name { display: inline-flex; align-items: center; gap: 6px; font-weight: 500; }
    .site .name { font-weight: 400; }
    .name mat-icon { width: 20px; height: 20px; color: var(--mat-sys-on-surface-variant); }
    .meta { margin-inline-start: 8px; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .meta.invited { color: var(--mat-sys-primary); }
    .empty { padding: 16px; margin: 0; color: var(--mat-sys-on-surface-variant); }
  `,
})
export class SiteTreePickerComponent {
  /** The organisation tree (every unit and site); units without an enabled site are left out. */
  readonly tree = input.required<OrgUnitTreeNode[]>();
  /** Sites already in the meeting. */
  readonly invited = input<readonly string[]>([]);
  /** The sites chosen here (not counting those already invited). */
  readonly chosen = model<ReadonlySet<string>>(new Set());

  private readonly roots = computed(() => sitesOnly(this.tree()));
  private readonly invitedSet = computed(() => new Set(this.invited()));
  private readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly rows = computed(() => pickerRows(this.roots(), this.expanded()));

  constructor() {
    // The tree arrives after the dialog opens: open its top levels once it is there.
    let opened = false;
    effect(() => {
      const roots = this.roots();
      if (opened || !roots.length) return;
      opened = true;
      this.expanded.set(initiallyExpanded(roots));
    });
  }

  protected isInvited(siteId: string): boolean {
    return this.invitedSet().has(siteId);
  }

  protected stateOf(row: Extract<SitePickerRow, { type: 'unit' }>) {
    return branchState(row.siteIds, this.chosen(), this.invitedSet());
  }

  protected allInvited(row: Extract<SitePickerRow, { type: 'unit' }>): boolean {
    return row.siteIds.every((id) => this.invitedSet().has(id));
  }

  protected toggle(unitId: string): void {
    this.expanded.update((set) => {
      const next = new Set(set);
      if (!next.delete(unitId)) next.add(unitId);
      return next;
    });
  }

  protected pickBranch(row: Extract<SitePickerRow, { type: 'unit' }>): void {
    this.chosen.set(toggleBranch(row.siteIds, this.chosen(), this.invitedSet()));
  }

  protected pickSite(siteId: string): void {
    const next = new Set(this.chosen());
    if (!next.delete(siteId)) next.add(siteId);
    this.chosen.set(next);
  }
}
