import type { MessageKey } from './catalogue.vi';

export type { MessageKey } from './catalogue.vi';
export { VI } from './catalogue.vi';

/** Vietnamese first: it is the default and the language the province works in. */
export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Every language maps every key to a string: enforced by the type, checked again by the spec. */
export type Catalogue = Record<MessageKey, string>;

export type MessageParams = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing param is noticed. */
export function interpolate(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
