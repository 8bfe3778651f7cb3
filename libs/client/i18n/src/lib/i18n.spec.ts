import { ERROR_CATALOGUE, ROLE_LABELS, errorBody } from '@phonghop/contracts';
import { CATALOGUES, EN, I18nService, LANG_STORAGE_KEY, VI, interpolate } from '../index';

class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

describe('i18n catalogues', () => {
  it('English has exactly the Vietnamese keys', () => {
    expect(Object.keys(EN).sort()).toEqual(Object.keys(VI).sort());
  });

  it.each(Object.entries(CATALOGUES))('%s has no empty texts', (_lang, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, text]) => text.trim() === '');
    expect(empty).toEqual([]);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(VI) as (keyof typeof VI)[]) {
      expect([key, placeholders(EN[key])]).toEqual([key, placeholders(VI[key])]);
    }
  });

  it('interpolates named params and leaves unknown ones visible', () => {
    expect(interpolate('{count} cuộc họp', { count: 3 })).toBe('3 cuộc họp');
    expect(interpolate('Xin chào {name}', {})).toBe('Xin chào {name}');
  });
});

describe('I18nService', () => {
  let storage: MemoryStorage;

  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true, writable: true });
  });

  afterEach(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('starts in Vietnamese and switches to English, persisting the choice', () => {
    const i18n = new I18nService();
    expect(i18n.lang()).toBe('vi');
    expect(i18n.t('home.title')).toBe('Cuộc họp của tôi');
    expect(i18n.t('lang.switchShort')).toBe('EN');

    i18n.toggle();
    expect(i18n.lang()).toBe('en');
    expect(i18n.t('home.title')).toBe('My meetings');
    expect(i18n.t('lang.switchShort')).toBe('VI');
    expect(storage.getItem(LANG_STORAGE_KEY)).toBe('en');

    // A new tab picks the stored language up.
    expect(new I18nService().lang()).toBe('en');
  });

  it('ignores a corrupt stored language', () => {
    storage.setItem(LANG_STORAGE_KEY, 'fr');
    expect(new I18nService().lang()).toBe('vi');
  });

  it('picks API error messages and labels in the current language', () => {
    const i18n = new I18nService();
    const err = errorBody('AUTH_INVALID_CREDENTIALS');
    expect(i18n.errorMessage(err)).toBe(ERROR_CATALOGUE.AUTH_INVALID_CREDENTIALS.vi);
    expect(i18n.pick(ROLE_LABELS.chair)).toBe('Chủ tọa');
    i18n.setLang('en');
    expect(i18n.errorMessage(err)).toBe('Wrong username or password.');
    expect(i18n.pick(ROLE_LABELS.chair)).toBe('Chair');
  });

  it('formats meeting times for vi-VN', () => {
    const i18n = new I18nService();
    const text = i18n.formatTime('2026-05-12T01:30:00.000Z');
    expect(text).toMatch(/\d{2}:\d{2}/);
  });
});
