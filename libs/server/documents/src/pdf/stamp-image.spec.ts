import { createCanvas, loadImage } from '@napi-rs/canvas';
import { DEFAULT_WATERMARK_FONT } from '../documents.options';
import { stampImage } from './stamp-image';

/** Share of pixels in a box that are clearly red (the watermark), not white or grey (the page). */
async function redShare(bytes: Buffer, box: { x: number; y: number; w: number; h: number }): Promise<number> {
  const image = await loadImage(bytes);
  const ctx = createCanvas(image.width, image.height).getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(box.x, box.y, box.w, box.h);
  let red = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] - data[i + 2] > 40) red++;
  return red / (box.w * box.h);
}

describe('stampImage', () => {
  const blankPage = async () => {
    const canvas = createCanvas(600, 850);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 600, 850);
    return canvas.encode('png');
  };

  it('draws the viewer’s lines across the centre and at the foot, keeping the size', async () => {
    const page = await blankPage();
    const lines = ['Lê Hoàng Nam', 'Sở Khoa học và Công nghệ', 'Tài liệu mật · 24/11/2026 14:05'];
    const stamped = await stampImage(page, lines, DEFAULT_WATERMARK_FONT, 'png');
    const image = await loadImage(stamped);
    expect([image.width, image.height]).toEqual([600, 850]);
    expect(await redShare(page, { x: 200, y: 325, w: 200, h: 200 })).toBe(0);
    expect(await redShare(stamped, { x: 200, y: 325, w: 200, h: 200 })).toBeGreaterThan(0.02);
    expect(await redShare(stamped, { x: 0, y: 830, w: 300, h: 20 })).toBeGreaterThan(0.01);
    // Corners stay clean: the page remains readable.
    expect(await redShare(stamped, { x: 0, y: 0, w: 60, h: 60 })).toBe(0);
  });

  it('answers WebP when asked', async () => {
    const stamped = await stampImage(await blankPage(), ['Trần Văn Minh'], DEFAULT_WATERMARK_FONT, 'webp');
    expect(stamped.subarray(0, 4).toString()).toBe('RIFF');
    expect(stamped.subarray(8, 12).toString()).toBe('WEBP');
  });
});
