import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, effect, inject, input, output, untracked, viewChild } from '@angular/core';
import { EditorCommands } from './editor-commands';
import { htmlToPlainText, pasteInsert } from './paste';

const EMPTY = '<p><br></p>';

/**
 * One editing area of the minutes: contenteditable, made to read like the printed text, driven by the toolbar of
 * the `EditorCommands` its owner provides. Pasted or dropped text arrives as plain paragraphs. The text is written
 * into the area when `html` or `resetKey` changes (loading, reloading), never while typing; the owner reads it back
 * with `html()` when saving.
 */
@Component({
  selector: 'ph-rich-text-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div #area class="area" contenteditable="true" role="textbox" aria-multiline="true" spellcheck="true" lang="vi"
         [attr.aria-label]="label()" [attr.data-testid]="testId()" [style.min-height.px]="minHeight()"
         (input)="changed.emit()" (paste)="onPaste($event)" (drop)="onDrop($event)" (focus)="onFocus()"></div>
  `,
  styleUrl: './rich-text-editor.component.scss',
})
export class RichTextEditorComponent {
  /** The text to show (sanitized HTML from the server). */
  readonly initialHtml = input('', { alias: 'html' });
  /** Bump to write `html` into the area again even when the string is the same (reloading after a conflict). */
  readonly resetKey = input(0);
  readonly label = input.required<string>();
  readonly testId = input('minutes-editor');
  readonly minHeight = input(280);
  /** Something was typed, formatted, pasted or undone. */
  readonly changed = output<void>();

  private readonly commands = inject(EditorCommands);
  private readonly area = viewChild.required<ElementRef<HTMLDivElement>>('area');

  constructor() {
    effect(() => {
      const html = this.initialHtml();
      this.resetKey();
      const el = this.area().nativeElement;
      untracked(() => {
        el.innerHTML = html || EMPTY;
        this.commands.forget(el);
      });
    });
    const destroyRef = inject(DestroyRef);
    effect(() => {
      const el = this.area().nativeElement;
      untracked(() => {
        const detach = this.commands.attach(el, () => this.changed.emit());
        destroyRef.onDestroy(detach);
      });
    });
  }

  /** The current text as HTML (the server reduces it to the minutes' tags). */
  html(): string {
    return this.area().nativeElement.innerHTML;
  }

  focus(): void {
    this.area().nativeElement.focus();
  }

  protected onFocus(): void {
    this.commands.focused(this.area().nativeElement);
  }

  protected onPaste(event: ClipboardEvent): void {
    event.preventDefault();
    const data = event.clipboardData;
    if (!data) return;
    this.insert(data.getData('text/plain') || htmlToPlainText(data.getData('text/html')));
  }

  /** Text dragged in is cleaned like pasted text; anything else dropped (files, images) is refused. */
  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    const text = event.dataTransfer?.getData('text/plain');
    if (!text) return;
    const at = document.caretRangeFromPoint?.(event.clientX, event.clientY);
    const selection = document.getSelection();
    if (at && selection) {
      selection.removeAllRanges();
      selection.addRange(at);
    }
    this.insert(text);
  }

  private insert(text: string): void {
    const insert = pasteInsert(text);
    // execCommand keeps the paste on the undo history; `input` follows and reports the change.
    if (insert.kind === 'text') document.execCommand('insertText', false, insert.text);
    else if (insert.kind === 'html') document.execCommand('insertHTML', false, insert.html);
  }
}
