import { Injectable, effect, inject } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';
import { I18nService, VI, type MessageKey } from '@phonghop/client-i18n';

/** Route `title`s are i18n keys; the tab shows "<page> · Phòng họp không giấy" and follows language switches. */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private key: MessageKey | null = null;

  constructor() {
    super();
    effect(() => {
      this.i18n.lang();
      this.apply();
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const raw = this.buildTitle(snapshot);
    this.key = raw && raw in VI ? (raw as MessageKey) : null;
    this.apply();
  }

  private apply(): void {
    const app = this.i18n.t('app.name');
    this.title.setTitle(this.key ? `${this.i18n.t(this.key)} · ${app}` : app);
  }
}
