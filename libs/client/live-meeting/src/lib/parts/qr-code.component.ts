import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { qrPicture } from '../qr';

/** A QR code drawn as SVG (black on white with its quiet zone, whatever the theme around it). */
@Component({
  selector: 'ph-qr-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg [attr.viewBox]="'0 0 ' + picture().box + ' ' + picture().box" role="img" [attr.aria-label]="label()" shape-rendering="crispEdges"
         [attr.data-testid]="testId()" [attr.data-qr-text]="text()">
      <rect [attr.width]="picture().box" [attr.height]="picture().box" fill="#fff" />
      <path [attr.d]="picture().path" fill="#000" />
    </svg>
  `,
  styles: `
    :host { display: block; }
    svg { display: block; width: 100%; height: auto; }
  `,
})
export class QrCodeComponent {
  readonly text = input.required<string>();
  readonly label = input('');
  readonly testId = input<string | null>(null);
  protected readonly picture = computed(() => qrPicture(this.text()));
}
