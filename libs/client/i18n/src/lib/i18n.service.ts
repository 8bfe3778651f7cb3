import { Injectable, computed, signal } from '@angular/core';
import { type ApiErrorBody, DEFAULT_MEETING_TIME_ZONE, type LocalizedText } from '@phonghop/contracts';
import { CATALOGUES } from './catalogues';
import { LANGS, interpolate, type Lang, type MessageKey, type MessageParams } from './catalogue';
import { FULL_DATE_TIME, TIME_ONLY, formatInZone, formatMeetingSpan, isKnownTimeZone } from './date-format';

export const LANG_STORAGE_KEY = 'phonghop.lang';
/** The server's meeting zone as last heard, so an offline start shows times in it too. */
export const TIME_ZONE_STORAGE_KEY = 'phonghop.timeZone';

/** BCP 47 locales for dates and numbers: vi-VN writes "08:30, Thứ Hai, 12/05/2026". */
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Current language as a signal. Reads browser globals defensively (no `inject(DOCUMENT)`) so the
 * service also runs in unit tests and, later, on a server without a DOM.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly current = signal<Lang>(readStoredLang());
  private readonly zone = signal<string>(readStoredTimeZone());

  /** Read-only view: templates and computed() re-evaluate when it changes. */
  readonly lang = this.current.asReadonly();
  readonly locale = computed(() => LOCALES[this.current()]);
  /** The language the switch button offers. */
  readonly otherLang = computed<Lang>(() => (this.current() === 'vi' ? 'en' : 'vi'));
  /** The zone every date and time is shown in: the server's MEETING_TIME_ZONE, never the device's own zone. */
  readonly timeZone = this.zone.asReadonly();

  constructor() {
    applyToDocument(this.current());
  }

  setLang(lang: Lang): void {
    this.current.set(lang);
    applyToDocument(lang);
    try {
      globalThis.localStorage?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // Private mode or full storage: the choice simply lasts for this tab.
    }
  }

  /** The server's meeting zone (GET /api/settings); an unknown zone keeps the current one. */
  setTimeZone(timeZone: string): void {
    if (!isKnownTimeZone(timeZone)) return;
    this.zone.set(timeZone);
    try {
      globalThis.localStorage?.setItem(TIME_ZONE_STORAGE_KEY, timeZone);
    } catch {
      // As for the language: the zone then lasts for this tab.
    }
  }

  toggle(): void {
    this.setLang(this.otherLang());
  }

  t(key: MessageKey, params?: MessageParams): string {
    const text = CATALOGUES[this.current()][key] ?? CATALOGUES.vi[key] ?? key;
    return interpolate(text, params);
  }

  /** Picks the current language from a `{vi, en}` record (API messages, role and unit-kind labels). */
  pick(text: LocalizedText | null | undefined): string {
    if (!text) return '';
    return text[this.current()] || text.vi;
  }

  /** The API's own message for an error, in the current language. */
  errorMessage(error: ApiErrorBody | null | undefined): string {
    return error ? this.pick(error.message) : '';
  }

  /** Every date and time of the app goes through here, in the meeting zone (see `timeZone`). */
  formatDateTime(iso: string | null | undefined, options?: Intl.DateTimeFormatOptions): string {
    return formatInZone(iso, this.locale(), this.zone(), options ?? FULL_DATE_TIME);
  }

  formatTime(iso: string | null | undefined): string {
    return this.formatDateTime(iso, TIME_ONLY);
  }

  /** A meeting's start and end: "08:00 Thứ Ba, 12/05/2026 – 11:30", the end's date only when it is another day. */
  formatMeetingTime(startsAt: string, endsAt: string | null | undefined): string {
    return formatMeetingSpan(startsAt, endsAt, this.locale(), this.zone());
  }
}

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(LANG_STORAGE_KEY);
    return isLang(stored) ? stored : 'vi';
  } catch {
    return 'vi';
  }
}

function readStoredTimeZone(): string {
  try {
    const stored = globalThis.localStorage?.getItem(TIME_ZONE_STORAGE_KEY);
    return stored && isKnownTimeZone(stored) ? stored : DEFAULT_MEETING_TIME_ZONE;
  } catch {
    return DEFAULT_MEETING_TIME_ZONE;
  }
}

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
