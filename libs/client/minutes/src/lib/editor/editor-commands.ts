import { Injectable, type OnDestroy, signal } from '@angular/core';
import { TOOL_COMMANDS, type EditorTool } from './editor-tools';

interface Area {
  el: HTMLElement;
  /** The selection last seen inside it, for a toolbar tap that took the focus away (some tablets do). */
  range: Range | null;
  changed: () => void;
}

/**
 * Connects one toolbar to several editing areas (the minutes' body, or the conclusions' opening and one area per
 * agenda item): the buttons act on the area last used, through `document.execCommand`, so the browser's own
 * undo history covers typing, formatting and pasting alike. Provided by the component that holds them.
 */
@Injectable()
export class EditorCommands implements OnDestroy {
  private readonly areas: Area[] = [];
  private last: Area | null = null;
  private readonly pressed = signal<ReadonlySet<EditorTool['id']>>(new Set());
  /** The toggles that apply where the caret is (bold, list …), shown as pressed. */
  readonly active = this.pressed.asReadonly();
  private readonly onSelection = () => this.keepSelection();

  constructor() {
    document.addEventListener('selectionchange', this.onSelection);
  }

  ngOnDestroy(): void {
    document.removeEventListener('selectionchange', this.onSelection);
  }

  /** An area joins; the returned function takes it out again. */
  attach(el: HTMLElement, changed: () => void): () => void {
    const area: Area = { el, range: null, changed };
    this.areas.push(area);
    return () => {
      this.areas.splice(this.areas.indexOf(area), 1);
      if (this.last === area) this.last = null;
    };
  }

  focused(el: HTMLElement): void {
    this.last = this.areas.find((a) => a.el === el) ?? this.last;
    // New lines become paragraphs (Chrome's default is <div>).
    document.execCommand('defaultParagraphSeparator', false, 'p');
    this.readActive();
  }

  /** The text was written anew (loading): an old selection would point into nodes that are gone. */
  forget(el: HTMLElement): void {
    const area = this.areas.find((a) => a.el === el);
    if (area) area.range = null;
  }

  run(tool: EditorTool): void {
    const area = this.last ?? this.areas[0];
    if (!area) return;
    if (document.activeElement !== area.el) {
      area.el.focus();
      const selection = document.getSelection();
      if (area.range && selection) {
        selection.removeAllRanges();
        selection.addRange(area.range);
      }
    }
    if (tool.id === 'heading') {
      document.execCommand('formatBlock', false, currentBlock() === 'h3' ? 'p' : 'h3');
    } else {
      document.execCommand(TOOL_COMMANDS[tool.id], false);
    }
    this.readActive();
    area.changed();
  }

  private keepSelection(): void {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const area = this.areas.find((a) => a.el.contains(selection.anchorNode));
    if (!area) return;
    area.range = selection.getRangeAt(0).cloneRange();
    this.last = area;
    this.readActive();
  }

  private readActive(): void {
    const inArea = this.areas.some((a) => a.el === document.activeElement);
    const on = new Set<EditorTool['id']>();
    if (inArea) {
      if (currentBlock() === 'h3') on.add('heading');
      for (const id of ['bold', 'italic', 'underline', 'bullets', 'numbers'] as const) {
        if (document.queryCommandState(TOOL_COMMANDS[id])) on.add(id);
      }
    }
    const before = this.pressed();
    if (on.size !== before.size || [...on].some((id) => !before.has(id))) this.pressed.set(on);
  }
}

function currentBlock(): string {
  return String(document.queryCommandValue('formatBlock')).toLowerCase();
}
