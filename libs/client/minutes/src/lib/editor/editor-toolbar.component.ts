import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { EditorCommands } from './editor-commands';
import { EDITOR_TOOLS, type EditorTool } from './editor-tools';

/**
 * The formatting buttons, large enough for a finger, acting on the editing area last used (`EditorCommands`).
 * A tap does not take the focus (or the selection) away from the text. Whatever is projected goes on the right:
 * the save indicator.
 */
@Component({
  selector: 'ph-editor-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTooltipModule, ...I18N_PIPES],
  template: `
    <div class="bar">
      <div class="tools" role="toolbar" [attr.aria-label]="'minutes.toolbar' | t">
        @for (tool of tools; track tool.id) {
          <button type="button" class="tool" [class.group]="tool.group" [class.on]="commands.active().has(tool.id)"
                  [attr.aria-label]="tool.label | t" [matTooltip]="tool.label | t"
                  [attr.aria-pressed]="tool.toggle ? commands.active().has(tool.id) : null"
                  [attr.data-testid]="'minutes-tool-' + tool.id"
                  (mousedown)="$event.preventDefault()" (click)="run(tool)">
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path [attr.d]="tool.icon" /></svg>
          </button>
        }
      </div>
      <div class="end"><ng-content /></div>
    </div>
  `,
  styles: `
    :host { display: block; container-type: inline-size; }
    .bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
    .tools { display: flex; flex-wrap: wrap; gap: 4px; }
    .end { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-left: auto; }
    .tool {
      display: inline-grid;
      place-items: center;
      width: 52px;
      height: 48px;
      padding: 0;
      border: 1px solid transparent;
      border-radius: 10px;
      background: transparent;
      color: var(--mat-sys-on-surface);
      cursor: pointer;
      touch-action: manipulation;
      svg { width: 26px; height: 26px; fill: currentColor; }
      &.group { margin-left: 12px; }
      &:hover { background: var(--mat-sys-surface-container-high); }
      &:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 1px; }
      &.on {
        background: var(--mat-sys-primary-container);
        border-color: var(--mat-sys-primary);
        color: var(--mat-sys-on-primary-container);
      }
    }
    @container (max-width: 620px) {
      .tool { width: 46px; &.group { margin-left: 4px; } }
    }
  `,
})
export class EditorToolbarComponent {
  protected readonly commands = inject(EditorCommands);
  protected readonly tools = EDITOR_TOOLS;

  protected run(tool: EditorTool): void {
    this.commands.run(tool);
  }
}
