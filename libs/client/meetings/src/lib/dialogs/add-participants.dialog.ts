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
import { MEETING_ROLES, type ApiErrorBody, type MeetingRole, type OrgUnitTreeNode, type ParticipantDto, type UserDto } from '@phonghop/contracts';
import { catchError, firstValueFrom, of } from 'rxjs';
import { roleKey } from '../labels';
import { personSearch } from './person-search';

export interface AddParticipantsDialogData {
  meetingId: string;
  existingUserIds: string[];
}

interface UnitChoice {
  id: string;
  name: string;
  depth: number;
}

interface SiteChoice {
  id: string;
  name: string;
  unitName: string;
}

/** Flattens the org tree depth-first, so a select can show it indented in its natural order. */
export function flattenUnits(nodes: readonly OrgUnitTreeNode[], depth = 0): UnitChoice[] {
  return nodes.flatMap((n) => [{ id: n.id, name: n.name, depth }, ...flattenUnits(n.children, depth + 1)]);
}

export function flattenSites(nodes: readonly OrgUnitTreeNode[]): SiteChoice[] {
  return nodes.flatMap((n) => [
    ...n.sites.filter((s) => !s.disabled).map((s) => ({ id: s.id, name: s.name, unitName: n.name })),
    ...flattenSites(n.children),
  ]);
}

/** Invite people one by one, whole units (their members) or conference sites (their operators), with one role. */
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
    ...I18N_PIPES,
  ],
  template: `
    <h2 mat-dialog-title>{{ 'participants.addTitle' | t }}</h2>
    <mat-dialog-content class="ph-dialog-form">
      @if (error(); as err) {
        <div class="ph-error-banner" role="alert"><mat-icon svgIcon="error" /><span>{{ err | apiError }}</span></div>
      }
      <mat-form-field appearance="outline">
        <mat-label>{{ 'participants.role' | t }}</mat-label>
        <mat-select [(ngModel)]="role" data-testid="participant-role">
          @for (r of roles; track r) { <mat-option [value]="r">{{ roleKey(r) | t }}</mat-option> }
        </mat-select>
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

      <mat-form-field appearance="outline">
        <mat-icon matPrefix svgIcon="videocam" />
        <mat-label>{{ 'participants.sites' | t }}</mat-label>
        <mat-select multiple [(ngModel)]="siteIds" data-testid="participant-sites">
          @for (s of sites(); track s.id) {
            <mat-option [value]="s.id">{{ s.name }} <span class="sub">· {{ s.unitName }}</span></mat-option>
          }
        </mat-select>
        <mat-hint>{{ 'participants.sitesHint' | t }}</mat-hint>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" class="ph-touch-button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" class="ph-touch-button" [disabled]="saving()" (click)="submit()" data-testid="participant-add-submit">
        {{ 'participants.addSubmit' | t }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .sub { color: var(--mat-sys-on-surface-variant); font-size: 14px; }
    .ph-error-banner { margin-bottom: 12px; }
    mat-form-field { margin-bottom: 8px; }
  `,
})
export class AddParticipantsDialog {
  private readonly data = inject<AddParticipantsDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject(MatDialogRef<AddParticipantsDialog, ParticipantDto[]>);
  private readonly meetingsApi = inject(MeetingsApi);

  protected readonly roles = MEETING_ROLES;
  protected readonly roleKey = roleKey;
  protected role: MeetingRole = 'delegate';
  protected unitIds: string[] = [];
  protected siteIds: string[] = [];

  protected readonly picked = signal<UserDto[]>([]);
  private readonly excluded = computed(() => new Set([...this.data.existingUserIds, ...this.picked().map((u) => u.id)]));
  protected readonly people = personSearch(() => this.excluded());

  private readonly tree = toSignal(inject(OrgApi).tree().pipe(catchError(() => of([] as OrgUnitTreeNode[]))), { initialValue: [] });
  protected readonly units = computed(() => flattenUnits(this.tree()));
  protected readonly sites = computed(() => flattenSites(this.tree()));

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
    if (!userIds.length && !this.unitIds.length && !this.siteIds.length) {
      this.dialogRef.close();
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      const list = await firstValueFrom(
        this.meetingsApi.addParticipants(this.data.meetingId, {
          meetingRole: this.role,
          ...(userIds.length && { userIds }),
          ...(this.unitIds.length && { unitIds: this.unitIds }),
          ...(this.siteIds.length && { siteIds: this.siteIds }),
        }),
      );
      this.dialogRef.close(list);
    } catch (e) {
      this.error.set(toApiError(e));
    } finally {
      this.saving.set(false);
    }
  }
}
