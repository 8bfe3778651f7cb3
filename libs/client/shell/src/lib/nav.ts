import type { Role } from '@phonghop/contracts';
import type { MessageKey } from '@phonghop/client-i18n';

export interface NavItem {
  label: MessageKey;
  icon: string;
  link: string;
  /** Shown only to accounts with one of these roles; empty = everyone. */
  roles: readonly Role[];
  testId: string;
}

export interface NavSection {
  heading: MessageKey | null;
  items: readonly NavItem[];
}

/** The app's route paths as the shell links to them (the app's route table uses the same strings). */
export const SHELL_LINKS = {
  home: '/',
  users: '/admin/users',
  units: '/admin/units',
  voteChain: '/admin/vote-chain',
  changePassword: '/change-password',
} as const;

export const NAV_SECTIONS: readonly NavSection[] = [
  {
    heading: null,
    items: [{ label: 'shell.nav.home', icon: 'event', link: SHELL_LINKS.home, roles: [], testId: 'nav-home' }],
  },
  {
    heading: 'shell.nav.admin',
    items: [
      { label: 'shell.nav.users', icon: 'group', link: SHELL_LINKS.users, roles: ['admin'], testId: 'nav-users' },
      { label: 'shell.nav.units', icon: 'account-tree', link: SHELL_LINKS.units, roles: ['admin'], testId: 'nav-units' },
      { label: 'shell.nav.voteChain', icon: 'fact-check', link: SHELL_LINKS.voteChain, roles: ['admin'], testId: 'nav-vote-chain' },
    ],
  },
];

/**
 * Pages that need the whole width (the document reader, the online conference): the side navigation folds into the
 * menu button there, as on a narrow screen, at every width. Matched on the path only (no query or fragment).
 */
const FULL_WIDTH_PATHS: readonly RegExp[] = [/^\/meetings\/[^/]+\/documents\/[^/]+\/?$/, /^\/meetings\/[^/]+\/conference\/?$/];

export function isFullWidthPage(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return FULL_WIDTH_PATHS.some((re) => re.test(path));
}

export function visibleSections(roles: readonly Role[]): NavSection[] {
  return NAV_SECTIONS.map((s) => ({
    ...s,
    items: s.items.filter((i) => i.roles.length === 0 || i.roles.some((r) => roles.includes(r))),
  })).filter((s) => s.items.length > 0);
}

/** "Nguyễn Văn An" → "NA": first and last word, as Vietnamese names put the given name last. */
export function initials(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = words[0][0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1][0] ?? '') : '';
  return (first + last).toLocaleUpperCase('vi');
}
