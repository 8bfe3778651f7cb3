import { GlobalFonts, createCanvas, loadImage } from '@napi-rs/canvas';

const FONT_FAMILY = 'PhongHopWatermark';
const registered = new Set<string>();

/**
 * Stamps a page image (PNG or WebP bytes) the way the confidential PDF is stamped: the viewer's lines across
 * the diagonal, semi-transparent red, plus a small line at the foot. Encoding runs off the event loop
 * (`encode` is asynchronous in @napi-rs/canvas); decoding and drawing one page image take a few milliseconds.
 */
export async function stampImage(bytes: Buffer, lines: string[], fontFile: string, format: 'png' | 'webp'): Promise<Buffer> {
  if (!registered.has(fontFile)) {
    // The font carries Vietnamese diacritics; canvas' default may not.
    if (!GlobalFonts.registerFromPath(fontFile, FONT_FAMILY)) throw new Error(`cannot load watermark font ${fontFile}`);
    registered.add(fontFile);
  }
  const image = await loadImage(bytes);
  const { width, height } = image;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);

  const diagonal = Math.hypot(width, height);
  const angle = Math.atan2(height, width);
  const size = Math.max(8, Math.min(diagonal / 28, (diagonal * 0.8) / Math.max(...lines.map((l) => l.length), 1) / 0.55));
  ctx.save();
  ctx.translate(width / 2, height / 2);
  // Canvas y grows downwards: rotate up from bottom-left to top-right, as on the PDF.
  ctx.rotate(-angle);
  ctx.font = `${size}px ${FONT_FAMILY}`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = 'rgba(191, 26, 26, 0.32)';
  lines.forEach((line, i) => ctx.fillText(line, 0, (i - (lines.length - 1) / 2) * size * 1.4));
  ctx.restore();

  const foot = Math.max(7, Math.round(width / 110));
  ctx.font = `${foot}px ${FONT_FAMILY}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'bottom';
  ctx.fillStyle = 'rgba(153, 26, 26, 0.75)';
  ctx.fillText(lines.join(' · '), Math.round(foot * 1.5), height - Math.round(foot * 0.6));

  return format === 'png' ? canvas.encode('png') : canvas.encode('webp', 82);
}
