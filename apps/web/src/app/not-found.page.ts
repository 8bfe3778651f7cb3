import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { I18N_PIPES } from '@phonghop/client-i18n';

@Component({
  selector: 'ph-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, ...I18N_PIPES],
  template: `
    <div class="ph-page not-found">
      <p class="code" aria-hidden="true">404</p>
      <h1>{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.body' | t }}</p>
      <a mat-flat-button class="ph-touch-button" routerLink="/">{{ 'notFound.back' | t }}</a>
    </div>
  `,
  styles: `
    .not-found { text-align: center; padding-top: 64px; }
    .code { font-size: 64px; font-weight: 700; color: var(--mat-sys-primary); margin: 0; }
    p { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class NotFoundPage {}
