import { Pipe, PipeTransform, inject } from '@angular/core';
import type { ApiErrorBody, LocalizedText } from '@phonghop/contracts';
import type { MessageKey, MessageParams } from './catalogue';
import { I18nService } from './i18n.service';

/**
 * `{{ 'home.title' | t }}`. Impure on purpose: the result depends on the language signal, which the
 * template's reactive context tracks, so a language switch re-renders even OnPush views.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}

/** `{{ roleLabels[role] | loc }}` for `{vi, en}` records from the contracts. */
@Pipe({ name: 'loc', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(text: LocalizedText | null | undefined): string {
    return this.i18n.pick(text);
  }
}

/** `{{ error | apiError }}` shows an ApiErrorBody's message in the current language. */
@Pipe({ name: 'apiError', pure: false })
export class ApiErrorPipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(error: ApiErrorBody | null | undefined): string {
    return this.i18n.errorMessage(error);
  }
}

/** `{{ meeting.startsAt | dateTime }}` in vi-VN or en-GB. */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(iso: string | null | undefined, style: 'full' | 'time' = 'full'): string {
    return style === 'time' ? this.i18n.formatTime(iso) : this.i18n.formatDateTime(iso);
  }
}

export const I18N_PIPES = [TranslatePipe, LocalizedPipe, ApiErrorPipe, DateTimePipe] as const;
