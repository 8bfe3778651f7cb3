import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MinutesApi } from '@phonghop/client-data-access';
import { I18N_PIPES } from '@phonghop/client-i18n';
import type { MinutesKind, MinutesVersionDto } from '@phonghop/contracts';
import { versionRows } from '../minutes-view';

/** The history of one kind, newest first: status, number, who and when, and each version's PDF as a plain link. */
@Component({
  selector: 'ph-minutes-versions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatIconModule, ...I18N_PIPES],
  template: `
    <section class="versions" aria-labelledby="versions-{{ kind() }}" data-testid="minutes-versions">
      <h3 id="versions-{{ kind() }}">{{ 'minutes.versions' | t }}</h3>
      @if (rows().length === 0) {
        <p class="empty">{{ 'minutes.noVersions' | t }}</p>
      } @else {
        <ul>
          @for (v of rows(); track v.version) {
            <li [class.current]="v.current" [attr.data-testid]="'minutes-version-' + v.version" [attr.data-status]="v.status">
              <span class="badge" [attr.data-status]="v.status">{{ (v.status === 'final' ? 'minutes.status.final' : 'minutes.status.draft') | t }}</span>
              <span class="what">
                <strong>{{ 'minutes.version' | t: { version: v.version } }}</strong>
                @if (v.number) { <span class="num">· {{ v.number }}</span> }
                <span class="who">
                  {{ (v.status === 'final' ? 'minutes.finalizedWhen' : 'minutes.changedWhen') | t: { time: (v.at | dateTime) } }}
                  @if (v.by) { · {{ v.by }} }
                </span>
              </span>
              <a class="pdf" [href]="pdfUrl(v.version)" download [attr.data-testid]="'minutes-pdf-' + v.version"
                 [attr.aria-label]="'minutes.pdfOf' | t: { version: v.version }">
                <mat-icon svgIcon="download" /> {{ 'minutes.pdf' | t }}
              </a>
            </li>
          }
        </ul>
        @if (hasDraft()) { <p class="note">{{ 'minutes.pdfDraftNote' | t }}</p> }
      }
    </section>
  `,
  styleUrl: './minutes-versions.component.scss',
})
export class MinutesVersionsComponent {
  readonly meetingId = input.required<string>();
  readonly kind = input.required<MinutesKind>();
  readonly versions = input.required<MinutesVersionDto[]>();
  readonly currentVersion = input<number | null>(null);

  private readonly api = inject(MinutesApi);
  protected readonly rows = computed(() => versionRows(this.versions(), this.currentVersion()));
  protected readonly hasDraft = computed(() => this.rows().some((r) => r.status === 'draft'));

  protected pdfUrl(version: number): string {
    return this.api.pdfUrl(this.meetingId(), this.kind(), version);
  }
}
