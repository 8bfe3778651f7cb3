export { ShellLayoutComponent } from './lib/shell-layout.component';
export { provideAppIcons, APP_ICON_NAMES } from './lib/app-icons';
export { SHELL_LINKS, NAV_SECTIONS, visibleSections, initials } from './lib/nav';
export type { NavItem, NavSection } from './lib/nav';
export { ConfirmDialog, type ConfirmDialogData } from './lib/confirm.dialog';
export { MeetingFactsComponent, type MeetingFacts } from './lib/meeting-facts.component';
