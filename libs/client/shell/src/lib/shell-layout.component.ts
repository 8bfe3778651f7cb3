import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { I18N_PIPES, I18nService } from '@phonghop/client-i18n';
import { ROLE_LABELS, type UserDto } from '@phonghop/contracts';
import { filter, map } from 'rxjs';
import { SHELL_LINKS, initials, isFullWidthPage, visibleSections } from './nav';

/** Below this width (portrait tablets, phones) the side nav becomes a drawer. */
const NARROW = '(max-width: 959.98px)';

/**
 * The signed-in frame: top bar, side navigation and the page in `<ng-content>`. It only displays;
 * who is signed in and what logging out means are decided by the app that hosts it.
 */
@Component({
  selector: 'ph-shell-layout',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatListModule,
    MatMenuModule,
    MatSidenavModule,
    MatToolbarModule,
    MatTooltipModule,
    RouterLink,
    RouterLinkActive,
    ...I18N_PIPES,
  ],
  templateUrl: './shell-layout.component.html',
  styleUrl: './shell-layout.component.scss',
})
export class ShellLayoutComponent {
  readonly user = input<UserDto | null>(null);
  readonly logout = output<void>();

  protected readonly i18n = inject(I18nService);
  protected readonly links = SHELL_LINKS;
  protected readonly roleLabels = ROLE_LABELS;

  protected readonly narrow = toSignal(inject(BreakpointObserver).observe(NARROW).pipe(map((s) => s.matches)), {
    initialValue: false,
  });
  private readonly router = inject(Router);
  /** Every navigation, also to the page already shown (a tap on its own link still closes the drawer). */
  private readonly navigated = toSignal(this.router.events.pipe(filter((e) => e instanceof NavigationEnd)));
  private readonly url = computed(() => this.navigated()?.urlAfterRedirects ?? this.router.url);
  /**
   * The side navigation is a drawer behind the menu button: on narrow screens, and on the pages that need the
   * whole width (the reader, the conference), where a permanent one took a fifth of a landscape tablet.
   */
  protected readonly collapsed = computed(() => this.narrow() || isFullWidthPage(this.url()));
  protected readonly drawerOpen = signal(false);
  protected readonly sections = computed(() => visibleSections(this.user()?.roles ?? []));
  protected readonly initials = computed(() => initials(this.user()?.fullName ?? ''));

  constructor() {
    // Close the drawer after navigating while it is a drawer, so the chosen page is visible at once.
    effect(() => {
      this.navigated();
      if (untracked(this.collapsed)) this.drawerOpen.set(false);
    });
  }

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }
}
