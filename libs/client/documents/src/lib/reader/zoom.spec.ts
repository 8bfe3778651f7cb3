import { MAX_ZOOM, MIN_ZOOM, SIDE_PADDING, clampZoom, fitWidthIn, fitWidthScale, outputScale, stepZoom } from './zoom';

describe('reader zoom', () => {
  it('fits the page width and clamps zoom', () => {
    expect(fitWidthScale(1000, 500)).toBe(2);
    expect(fitWidthScale(0, 500)).toBe(1);
    expect(clampZoom(10)).toBe(MAX_ZOOM);
    expect(clampZoom(0.1)).toBe(MIN_ZOOM);
    expect(clampZoom(Number.NaN)).toBe(1);
  });
  it('steps from any zoom to the next step', () => {
    expect(stepZoom(1, 1)).toBe(1.25);
    expect(stepZoom(1.1, 1)).toBe(1.25);
    expect(stepZoom(1.1, -1)).toBe(1);
    expect(stepZoom(MAX_ZOOM, 1)).toBe(MAX_ZOOM);
    expect(stepZoom(MIN_ZOOM, -1)).toBe(MIN_ZOOM);
  });
  it('bounds the canvas backing store', () => {
    expect(outputScale(2, 800, 1100)).toBe(2);
    expect(outputScale(3, 3000, 4000)).toBeLessThan(3);
    expect(outputScale(0, 100, 100)).toBe(1);
  });
  it('fits the page in the reading area less its side padding, never narrower than 200 px', () => {
    expect(fitWidthIn({ clientWidth: 1000 } as HTMLElement)).toBe(1000 - 2 * SIDE_PADDING);
    expect(fitWidthIn({ clientWidth: 100 } as HTMLElement)).toBe(200);
  });
});
