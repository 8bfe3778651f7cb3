import { Pipe, PipeTransform, inject } from '@angular/core';
import type { ApiErrorBody, LocalizedText } from '@phonghop/contracts';
import type { MessageKey, MessageParams } from './catalogue';
import { SHORT_DATE_TIME } from './date-format';
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

/**
 * `{{ at | dateTime }}` in vi-VN or en-GB, in the meeting zone: 'full' with the weekday, 'short' as 12/05/2026 08:00,
 * 'time' alone.
 */
@Pipe({ name: 'dateTime', pure: false })
export class DateTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(iso: string | null | undefined, style: 'full' | 'short' | 'time' = 'full'): string {
    if (style === 'time') return this.i18n.formatTime(iso);
    return this.i18n.formatDateTime(iso, style === 'short' ? SHORT_DATE_TIME : undefined);
  }
}

/** `{{ meeting | meetingTime }}`: start – end in the meeting zone, the end's date only when it is another day. */
@Pipe({ name: 'meetingTime', pure: false })
export class MeetingTimePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);
  transform(meeting: { startsAt: string; endsAt: string | null } | null | undefined): string {
    return meeting ? this.i18n.formatMeetingTime(meeting.startsAt, meeting.endsAt) : '';
  }
}

export const I18N_PIPES = [TranslatePipe, LocalizedPipe, ApiErrorPipe, DateTimePipe, MeetingTimePipe] as const;
