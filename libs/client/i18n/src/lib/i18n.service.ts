import { Injectable, computed, signal } from '@angular/core';
import type { ApiErrorBody, LocalizedText } from '@phonghop/contracts';
import { CATALOGUES } from './catalogues';
import { LANGS, interpolate, type Lang, type MessageKey, type MessageParams } from './catalogue';

export const LANG_STORAGE_KEY = 'phonghop.lang';

/** BCP 47 locales for dates and numbers: vi-VN writes "08:30, Thứ Hai, 12/05/2026". */
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * Current language as a signal. Reads browser globals defensively (no `inject(DOCUMENT)`) so the
 * service also runs in unit tests and, later, on a server without a DOM.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly current = signal<Lang>(readStoredLang());

  /** Read-only view: templates and computed() re-evaluate when it changes. */
  readonly lang = this.current.asReadonly();
  readonly locale = computed(() => LOCALES[this.current()]);
  /** The language the switch button offers. */
  readonly otherLang = computed<Lang>(() => (this.current() === 'vi' ? 'en' : 'vi'));

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

  formatDateTime(iso: string | null | undefined, options?: Intl.DateTimeFormatOptions): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return '';
    return new Intl.DateTimeFormat(
      this.locale(),
      options ?? { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' },
    ).format(date);
  }

  formatTime(iso: string | null | undefined): string {
    return this.formatDateTime(iso, { hour: '2-digit', minute: '2-digit' });
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

function applyToDocument(lang: Lang): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
