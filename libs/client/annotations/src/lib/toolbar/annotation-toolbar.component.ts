import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { I18N_PIPES, I18nService, type MessageKey } from '@phonghop/client-i18n';
import { registerAnnotationIcons } from '../icons';
import { shortQuote } from '../model/anchoring';
import type { ViewItem } from '../model/annotation-state';
import { ANNOTATION_COLORS, AnnotationSession, type AnnotationTool, type ShapeKind } from '../sync/annotation-session';

interface ToolButton {
  tool: Exclude<AnnotationTool, 'none'>;
  icon: string;
  label: MessageKey;
}

const TOOLS: readonly ToolButton[] = [
  { tool: 'pen', icon: 'annot-pen', label: 'annot.tool.pen' },
  { tool: 'highlight', icon: 'annot-highlight', label: 'annot.tool.highlight' },
  { tool: 'note', icon: 'annot-note', label: 'annot.tool.note' },
  { tool: 'shape', icon: 'annot-shape', label: 'annot.tool.shape' },
  { tool: 'eraser', icon: 'annot-eraser', label: 'annot.tool.eraser' },
];

const SHAPES: readonly { shape: ShapeKind; icon: string; label: MessageKey }[] = [
  { shape: 'rect', icon: 'annot-rect', label: 'annot.shape.rect' },
  { shape: 'ellipse', icon: 'annot-ellipse', label: 'annot.shape.ellipse' },
  { shape: 'arrow', icon: 'annot-arrow', label: 'annot.shape.arrow' },
];

const KIND_LABEL: Record<ViewItem['kind'], MessageKey> = { ink: 'annot.kind.ink', highlight: 'annot.kind.highlight', note: 'annot.kind.note', shape: 'annot.kind.shape' };

const HINTS: Partial<Record<AnnotationTool, MessageKey>> = {
  highlight: 'annot.hint.highlight',
  note: 'annot.hint.note',
  eraser: 'annot.hint.eraser',
  none: 'annot.hint.none',
};

/**
 * `<ph-annotation-toolbar>`: the annotation tools under the reader's bar while "Ghi chú" is on. Large, touch-first
 * buttons (≥ 48 px): pen, highlight, note, shapes (rectangle, ellipse, arrow), eraser; five colours; undo and redo;
 * whether this device's changes have reached the server (`annot-sync-state`); the W3C export. Under them, the
 * annotations carried from an earlier version that could not be placed on this one (`annot-orphans`): their kind,
 * old page and quote or text, a link to the old version at that page, and (the person's own) a delete.
 */
@Component({
  selector: 'ph-annotation-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, MatTooltipModule, RouterLink, ...I18N_PIPES],
  templateUrl: './annotation-toolbar.component.html',
  styleUrl: './annotation-toolbar.component.scss',
})
export class AnnotationToolbarComponent {
  protected readonly session = inject(AnnotationSession);
  private readonly i18n = inject(I18nService);

  protected readonly tools = TOOLS;
  protected readonly shapes = SHAPES;
  protected readonly colors = ANNOTATION_COLORS;
  protected readonly hint = computed(() => HINTS[this.session.tool()] ?? null);
  protected readonly syncText = computed(() => {
    const count = this.session.pendingCount();
    switch (this.session.syncState()) {
      case 'offline':
        return count ? this.i18n.t('annot.sync.offlinePending', { count }) : this.i18n.t('annot.sync.offline');
      case 'pending':
        return this.i18n.t('annot.sync.pending', { count });
      default:
        return this.i18n.t('annot.sync.synced');
    }
  });
  protected readonly syncIcon = computed(() => ({ offline: 'cloud-off', pending: 'annot-sync', synced: 'cloud-done' })[this.session.syncState()]);

  /** The annotations carried from an earlier version that could not be placed, as the list shows them. */
  protected readonly orphans = computed(() => {
    const meetingId = this.session.meetingId();
    const documentId = this.session.documentId();
    return this.session.orphans().map((item) => ({
      item,
      kind: KIND_LABEL[item.kind],
      where: item.anchoring ? this.i18n.t('annot.orphans.where', { page: item.anchoring.oldPage, version: item.anchoring.fromVersion }) : '',
      text: shortQuote(item.target.text?.exact || item.body),
      // The reader opens a version and a page from its query parameters (`v`, `page`).
      link: item.anchoring && meetingId && documentId ? { path: ['/meetings', meetingId, 'documents', documentId], query: { v: item.anchoring.fromVersion, page: item.anchoring.oldPage } } : null,
    }));
  });

  constructor() {
    registerAnnotationIcons();
  }

  protected removeOrphan(item: ViewItem): void {
    this.session.remove(item.id);
  }

  protected colorId(color: string): string {
    return color.slice(1);
  }

  protected colorLabel(color: string): MessageKey {
    return `annot.color.${color.slice(1)}` as MessageKey;
  }
}
