import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { MEETING_ROLES, type MeetingRole, type RsvpState } from '@phonghop/contracts';
import { RSVP_ICONS, roleKey, rsvpKey } from '../labels';
import { RSVP_ORDER, type RosterRow } from '../rsvp';

export interface RoleChange {
  row: RosterRow;
  role: MeetingRole;
}

/**
 * Everyone invited, live: answer (icon and words), who is online now, proxies. In manage mode (the
 * meeting's secretaries) also the reasons for declining, the meeting role and removing people.
 */
@Component({
  selector: 'ph-roster',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButtonModule, MatIconModule, MatSelectModule, MatTooltipModule, ...I18N_PIPES],
  templateUrl: './roster.component.html',
  styleUrl: './roster.component.scss',
})
export class RosterComponent {
  readonly rows = input.required<RosterRow[]>();
  readonly manage = input(false);
  readonly editable = input(false);
  readonly myUserId = input<string | null>(null);
  /** participantId → reason, only known to secretaries. */
  readonly reasons = input<ReadonlyMap<string, string>>(new Map());
  readonly roleChange = output<RoleChange>();
  readonly remove = output<RosterRow>();

  protected readonly roles = MEETING_ROLES;
  protected readonly states = RSVP_ORDER;
  protected readonly roleKey = roleKey;
  protected readonly rsvpKey = rsvpKey;
  protected readonly icons = RSVP_ICONS;

  protected readonly filter = signal<RsvpState | null>(null);
  protected readonly shown = computed(() => {
    const f = this.filter();
    return f ? this.rows().filter((r) => r.rsvp === f) : this.rows();
  });
  protected readonly onlineCount = computed(() => this.rows().filter((r) => r.online).length);

  protected toggleFilter(state: RsvpState): void {
    this.filter.update((f) => (f === state ? null : state));
  }
}
