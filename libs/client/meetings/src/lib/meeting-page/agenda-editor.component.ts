import { CdkDrag, CdkDragHandle, CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { MeetingsApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import type { AgendaItemDto } from '@phonghop/contracts';
import { firstValueFrom } from 'rxjs';
import { agendaTree, applyOrder, moveSubItem, moveTopLevel, numberAgenda, reorderRequest, type AgendaNode } from '../agenda';
import { AgendaItemDialog, type AgendaItemDialogData, type AgendaItemValues } from '../dialogs/agenda-item.dialog';
import { ConfirmDialog, type ConfirmDialogData } from '@phonghop/client-shell';

/**
 * The secretary's agenda: add items and sub-items, edit, delete, and drag into order (large handles
 * for fingers). Every drop sends the whole order (PUT …/agenda/order); the list moves at once and
 * falls back to the server's answer if the save fails.
 */
@Component({
  selector: 'ph-agenda-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [CdkDrag, CdkDragHandle, CdkDropList, MatButtonModule, MatIconModule, MatMenuModule, MatProgressBarModule, MatTooltipModule, ...I18N_PIPES],
  templateUrl: './agenda-editor.component.html',
  styleUrls: ['./agenda.scss', './agenda-editor.component.scss'],
})
export class AgendaEditorComponent {
  readonly meetingId = input.required<string>();
  readonly items = input.required<AgendaItemDto[]>();
  readonly itemsChange = output<AgendaItemDto[]>();

  private readonly meetingsApi = inject(MeetingsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18nService);

  protected readonly tree = computed(() => agendaTree(this.items()));
  protected readonly numbers = computed(() => new Map(numberAgenda(this.tree()).map((n) => [n.item.id, n])));
  protected readonly childListIds = computed(() => this.tree().map((n) => this.childListId(n)));
  protected readonly draggingChild = signal(false);
  protected readonly busy = signal(false);

  protected childListId(node: AgendaNode): string {
    return `agenda-children-${node.item.id}`;
  }

  protected add(parent: AgendaItemDto | null): void {
    const data: AgendaItemDialogData = { mode: 'create', parentTitle: parent?.title ?? null };
    this.openItemDialog(data, async (values) => {
      await firstValueFrom(this.meetingsApi.addAgendaItem(this.meetingId(), { ...values, parentId: parent?.id ?? null }));
    });
  }

  protected edit(item: AgendaItemDto): void {
    this.openItemDialog({ mode: 'edit', item }, async (values) => {
      await firstValueFrom(this.meetingsApi.updateAgendaItem(this.meetingId(), item.id, values));
    });
  }

  protected remove(item: AgendaItemDto, childCount: number): void {
    const data: ConfirmDialogData = {
      title: 'agenda.deleteTitle',
      message: childCount ? 'agenda.deleteWithSubs' : 'agenda.deleteConfirm',
      params: { title: item.title, count: childCount },
      confirm: 'common.delete',
      danger: true,
    };
    this.dialog
      .open(ConfirmDialog, { data })
      .afterClosed()
      .subscribe((ok) => {
        if (ok) void this.run(async () => firstValueFrom(this.meetingsApi.deleteAgendaItem(this.meetingId(), item.id)));
      });
  }

  protected dropTop(event: CdkDragDrop<AgendaNode[]>): void {
    if (event.previousIndex === event.currentIndex) return;
    void this.saveOrder(moveTopLevel(this.tree(), event.previousIndex, event.currentIndex));
  }

  protected dropChild(event: CdkDragDrop<string, string>): void {
    this.draggingChild.set(false);
    if (event.previousContainer === event.container && event.previousIndex === event.currentIndex) return;
    void this.saveOrder(moveSubItem(this.tree(), event.previousContainer.data, event.previousIndex, event.container.data, event.currentIndex));
  }

  /** Keyboard and accessibility alternative to dragging: one step up or down among siblings. */
  protected step(node: AgendaItemDto, delta: -1 | 1): void {
    const tree = this.tree();
    if (node.parentId === null) {
      const from = tree.findIndex((n) => n.item.id === node.id);
      const to = from + delta;
      if (to >= 0 && to < tree.length) void this.saveOrder(moveTopLevel(tree, from, to));
      return;
    }
    const parent = tree.find((n) => n.item.id === node.parentId);
    if (!parent) return;
    const from = parent.children.findIndex((c) => c.id === node.id);
    const to = from + delta;
    if (to >= 0 && to < parent.children.length) void this.saveOrder(moveSubItem(tree, parent.item.id, from, parent.item.id, to));
  }

  private async saveOrder(tree: AgendaNode[]): Promise<void> {
    const before = this.items();
    this.itemsChange.emit(applyOrder(tree));
    this.busy.set(true);
    try {
      this.itemsChange.emit(await firstValueFrom(this.meetingsApi.reorderAgenda(this.meetingId(), reorderRequest(tree))));
    } catch (e) {
      this.itemsChange.emit(before);
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), undefined, { duration: 5000 });
    } finally {
      this.busy.set(false);
    }
  }

  private openItemDialog(data: AgendaItemDialogData, save: (values: AgendaItemValues) => Promise<unknown>): void {
    this.dialog
      .open<AgendaItemDialog, AgendaItemDialogData, AgendaItemValues>(AgendaItemDialog, { data, width: '92vw', maxWidth: '640px' })
      .afterClosed()
      .subscribe((values) => {
        if (values) void this.run(() => save(values));
      });
  }

  /** Runs a change, then reloads the agenda so numbering and positions are the server's. */
  private async run(change: () => Promise<unknown>): Promise<void> {
    this.busy.set(true);
    try {
      await change();
      this.itemsChange.emit(await firstValueFrom(this.meetingsApi.agenda(this.meetingId())));
    } catch (e) {
      this.snackBar.open(this.i18n.errorMessage(toApiError(e)), undefined, { duration: 5000 });
    } finally {
      this.busy.set(false);
    }
  }
}
