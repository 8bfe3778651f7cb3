import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MeetingsApi, OrgApi, toApiError } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import { MEETING_ROLES, type ApiErrorBody, type MeetingRole, type OrgUnitTreeNode, type ParticipantDto, type SiteParticipantDto, type UserDto } from '@phonghop/contracts';
import { catchError, firstValueFrom, of } from 'rxjs';
import { roleKey } from '../labels';
import { personSearch } from './person-search';
import { SiteTreePickerComponent } from './site-tree-picker.component';

export interface AddParticipantsDialogData {
  meetingId: string;
  existingUserIds: string[];
  /** Sites already in the meeting: shown ticked in the site tree. */
  invitedSiteIds: string[];
}

/** The meeting's people and sites after adding. */
export interface AddParticipantsResult {
  participants: ParticipantDto[];
  sites: SiteParticipantDto[];
}

interface UnitChoice {
  id: string;
  name: string;
  depth: number;
}

/** Flattens the org tree depth-first, so a select can show it indented in its natural order. */
export function flattenUnits(nodes: readonly OrgUnitTreeNode[], depth = 0): UnitChoice[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.name, depth }, ...flattenUnits(n.children, depth + 1)]);
}

/**
 * Invite people one by one or whole units (their members) with one role, and conference sites from the province →
 * district → commune tree: each site is a participant of its own, with its operator accounts if it has any.
 */
@Component({
  selector: 'ph-add-participants-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatChipsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    SiteTreePickerComponent,
    ...I18N_PIPES,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'participants.addTitle' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form">
      <mat-form-field appearance="outline">
        <mat-label>{{ 'participants.role' | t }}</mat-label>
        <mat-select [(ngModel)]="role" data-testid="participant-role">
          @for (r of roles; track r) { <mat-option [value]="r">{{ roleKey(r) | t }}</mat-option> }
        </mat-select>
        <mat-hint>{{ 'participants.roleHint' | t }}</mat-hint>
      </mat-form-field>

      <mat-form-field appearance="outline">
        <mat-icon matPrefix svgIcon="search" />
        <mat-label>{{ 'participants.people' | t }}</mat-label>
        <mat-chip-grid #chips [attr.aria-label]="'participants.people' | t">
          @for (u of picked(); track u.id) {
            <mat-chip-row (removed)="unpick(u)" [attr.data-testid]="'participant-chip-' + u.username">
              {{ u.fullName }}
              <button matChipRemove type="button" [attr.aria-label]="('common.delete' | t) + ': ' + u.fullName"><mat-icon svgIcon="close" /></button>
            </mat-chip-row>
          }
          <input #personInput [matChipInputFor]="chips" [matAutocomplete]="auto" (input)="people.search(personInput.value)"
                 autocomplete="off" data-testid="participant-search" />
        </mat-chip-grid>
        <mat-autocomplete #auto="matAutocomplete" (optionSelected)="pick($event.option.value, personInput)">
          @for (u of people.results(); track u.id) {
            <mat-option [value]="u" [attr.data-testid]="'participant-option-' + u.username">
              {{ u.fullName }}@if (u.title) { <span class="sub"> · {{ u.title }}</span> }
            </mat-option>
          }
        </mat-autocomplete>
        <mat-hint>{{ 'participants.peopleHint' | t }}</mat-hint>
      </mat-form-field>

      <mat-form-field appearance="outline">
        <mat-icon matPrefix svgIcon="account-tree" />
        <mat-label>{{ 'participants.units' | t }}</mat-label>
        <mat-select multiple [(ngModel)]="unitIds" data-testid="participant-units">
          @for (u of units(); track u.id) {
            <mat-option [value]="u.id" [style.padding-left.px]="16 + u.depth * 20">{{ u.name }}</mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'participants.unitsHint' | t }}</mat-hint>
      </mat-form-field>

      <section class="sites" aria-labelledby="sites-heading">
        <h3 id="sites-heading"><mat-icon svgIcon="videocam" aria-hidden="true" />{{ 'participants.sites' | t }}</h3>
        <p class="hint">{{ 'participants.sitesHint' | t }}</p>
        <ph-site-tree-picker [tree]="tree()" [invited]="data.invitedSiteIds" [(chosen)]="chosenSites" />
      </section>
    </mat-dialog-content>
    @if (error(); as err) {
      <!-- Beside the button, not atop the form: the answer stays in view however far the site tree was scrolled. -->
      <div class="ph-error-banner" role="alert" data-testid="participant-add-error"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [disabled]="saving()" (click)="submit()" data-testid="participant-add-submit">
        {{ 'participants.addSubmit' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .ph-error-banner { margin: 8px 24px 0; }
    mat-form-field { margin-bottom: 8px; }
    .sites h3 { display: flex; align-items: center; gap: 8px; margin: 8px 0 4px; font: var(--mat-sys-title-small); }
    .sites .hint { margin: 0 0 8px; color: var(--mat-sys-on-surface-variant); font-size: 14px; }
  `,
})
export class AddParticipantsDialog {
  protected readonly data = inject<AddParticipantsDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<AddParticipantsDialog, AddParticipantsResult>);
  private readonly meetingsApi = inject(MeetingsApi);

  protected readonly roles = MEETING_ROLES;
  protected readonly roleKey = roleKey;
  protected role: MeetingRole = 'delegate';
  protected unitIds: string[] = [];
  protected readonly chosenSites = signal<ReadonlySet<string>>(new Set());

  protected readonly picked = signal<UserDto[]>([]);
  private readonly excluded = computed(() => new Set([...this.data.existingUserIds, ...this.picked().map((u) => u.id)]));
  protected readonly people = personSearch(() => this.excluded());

  protected readonly tree = toSignal(inject(OrgApi).tree().pipe(catchError(() => of([] as OrgUnitTreeNode[]))), { initialValue: [] });
  protected readonly units = computed(() => flattenUnits(this.tree()));

  protected readonly saving = signal(false);
  protected readonly error = signal<ApiErrorBody | null>(null);

  protected pick(user: UserDto, input: HTMLInputElement): void {
    this.picked.update((list) => (list.some((u) => u.id === user.id) ? list : [...list, user]));
    input.value = '';
    this.people.search('');
  }

  protected unpick(user: UserDto): void {
    this.picked.update((list) => list.filter((u) => u.id !== user.id));
  }

  async submit(): Promise<void> {
    const userIds = this.picked().map((u) => u.id);
    const siteIds = [...this.chosenSites()];
    if (!userIds.length && !this.unitIds.length && !siteIds.length) {
      this.dialogRef.close();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      const participants = await firstValueFrom(
        this.meetingsApi.addParticipants(this.data.meetingId, {
          meetingRole: this.role,
          ...(userIds.length && { userIds }),
          ...(this.unitIds.length && { unitIds: this.unitIds }),
          ...(siteIds.length && { siteIds }),
        }),
      );
      const sites = await firstValueFrom(this.meetingsApi.sites(this.data.meetingId));
      this.dialogRef.close({ participants, sites });
    } catch (e) {
      // Nothing could be added (already invited, an empty unit, a disabled site): the server says why, shown here.
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
