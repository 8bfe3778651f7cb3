export { VI, LANGS, interpolate } from './lib/catalogue';
export type { Catalogue, Lang, MessageKey, MessageParams } from './lib/catalogue';
export { EN } from './lib/catalogue.en';
export { CATALOGUES } from './lib/catalogues';
export { I18nService, LANG_STORAGE_KEY, TIME_ZONE_STORAGE_KEY } from './lib/i18n.service';
export { dayInZone, formatInZone, formatMeetingSpan } from './lib/date-format';
export { foldVietnamese, matchesFolded } from './lib/fold';
export { TranslatePipe, LocalizedPipe, ApiErrorPipe, DateTimePipe, MeetingTimePipe, I18N_PIPES } from './lib/i18n.pipes';
