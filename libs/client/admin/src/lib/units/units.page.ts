import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { OrgApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { UNIT_KIND_LABELS, type ApiErrorBody, type ConferenceSiteDto, type OrgUnitDto, type OrgUnitTreeNode } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';
import { SiteFormDialog, type SiteFormDialogData } from './site-form.dialog';
import { UnitFormDialog, type UnitFormDialogData } from './unit-form.dialog';
import { UNIT_KIND_ICONS, allUnits, countSites, visibleRows } from './unit-tree';

/** The administrative hierarchy (province → district → commune, as data) and its conference sites. */
@Component({
  selector: 'ph-units-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, MatTooltipModule, ...I18N_PIPES],
  templateUrl: './units.page.html',
  styleUrl: './units.page.scss',
})
export class UnitsPage {
  private readonly orgApi = inject(OrgApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly kindLabels = UNIT_KIND_LABELS;
  protected readonly kindIcons = UNIT_KIND_ICONS;

  protected readonly tree = signal<OrgUnitTreeNode[]>([]);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  protected readonly loading = signal(true);
  protected readonly error = signal<ApiErrorBody | null>(null);
  private loadedOnce = false;

  protected readonly rows = computed(() => visibleRows(this.tree(), this.expanded()));
  protected readonly unitCount = computed(() => allUnits(this.tree()).length);
  protected readonly siteCount = computed(() => countSites(this.tree()));

  constructor() {
    void this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const tree = await firstValueFrom(this.orgApi.tree());
      this.tree.set(tree);
      // First visit: open the top level so the districts are visible at once.
      if (!this.loadedOnce) this.expanded.set(new Set(tree.map((n) => n.id)));
      this.loadedOnce = true;
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.loading.set(false);
    }
  }

  protected toggle(id: string): void {
    this.expanded.update((set) => {
      const next = new Set(set);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected expandAll(): void {
    this.expanded.set(new Set(allUnits(this.tree()).map((u) => u.id)));
  }

  protected collapseAll(): void {
    this.expanded.set(new Set());
  }

  protected addUnit(parent: OrgUnitTreeNode | null): void {
    this.openUnitDialog({ mode: 'create', tree: this.tree(), parent }, parent?.id);
  }

  protected editUnit(unit: OrgUnitTreeNode): void {
    this.openUnitDialog({ mode: 'edit', unit });
  }

  protected moveUnit(unit: OrgUnitTreeNode): void {
    this.openUnitDialog({ mode: 'move', tree: this.tree(), unit });
  }

  protected deleteUnit(unit: OrgUnitTreeNode): void {
    const data: ConfirmDialogData = {
      title: 'units.deleteTitle',
      message: 'units.deleteConfirm',
      params: { name: unit.name },
      confirm: 'common.delete',
      danger: true,
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data })
      .afterClosed()
      .subscribe(async (ok) => {
        if (!ok) return;
        try {
          await firstValueFrom(this.orgApi.deleteUnit(unit.id));
          this.notify(this.i18n.t('units.deleted', { name: unit.name }));
          await this.load();
        } catch (e) {
          // UNIT_HAS_CHILDREN and friends: the server's own sentence explains what to do.
          this.notify(this.i18n.errorMessage(toApiError(e)), 6000);
        }
      });
  }

  protected addSite(unit: OrgUnitTreeNode): void {
    this.openSiteDialog({ unit });
  }

  protected editSite(unit: OrgUnitTreeNode, site: ConferenceSiteDto): void {
    this.openSiteDialog({ unit, site });
  }

  private openUnitDialog(data: UnitFormDialogData, expandId?: string): void {
    this.dialog
      .open<UnitFormDialog, UnitFormDialogData, OrgUnitDto>(UnitFormDialog, { data, width: '92vw', maxWidth: '600px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.notify(this.i18n.t('units.saved', { name: saved.name }));
        if (expandId) this.expanded.update((s) => new Set(s).add(expandId));
        const parentId = saved.parentId;
        if (parentId) this.expanded.update((s) => new Set(s).add(parentId));
        void this.load();
      });
  }

  private openSiteDialog(data: SiteFormDialogData): void {
    this.dialog
      .open<SiteFormDialog, SiteFormDialogData, ConferenceSiteDto>(SiteFormDialog, { data, width: '92vw', maxWidth: '560px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.notify(this.i18n.t('siteForm.saved', { name: saved.name }));
        this.expanded.update((s) => new Set(s).add(data.unit.id));
        void this.load();
      });
  }

  private notify(message: string, duration = 4000): void {
    this.snackBar.open(message, this.i18n.t('common.close'), { duration });
  }
}
