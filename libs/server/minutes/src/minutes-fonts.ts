import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Decree 30/2020 asks for Times New Roman, which may not be redistributed. Liberation Serif 2 (Debian
 * `fonts-liberation2`, SIL OFL) has Times New Roman's metrics, so lines break where Word would break them, and
 * covers every precomposed Vietnamese letter (Ủ, ữ, ặ, ậ…). Liberation 1.x (`fonts-liberation`) does not, and
 * npm's @fontsource/tinos ships only split WOFF subsets, so neither is used.
 */
export const DEFAULT_MINUTES_FONT_DIR = '/usr/share/fonts/truetype/liberation2';

export const MINUTES_FONT_FILES = {
  regular: 'LiberationSerif-Regular.ttf',
  bold: 'LiberationSerif-Bold.ttf',
  italic: 'LiberationSerif-Italic.ttf',
  boldItalic: 'LiberationSerif-BoldItalic.ttf',
} as const;

export type FontFace = keyof typeof MINUTES_FONT_FILES;
export type MinutesFontBytes = Record<FontFace, Uint8Array>;

export class MinutesFontMissingError extends Error {
  readonly code = 'MINUTES_FONT_MISSING';
  constructor(readonly path: string) {
    super(
      `Thiếu phông chữ Liberation Serif để in biên bản: ${path} (cài gói Debian fonts-liberation2). ` +
        `Missing the Liberation Serif font for minutes: ${path} (apt-get install fonts-liberation2).`,
    );
    this.name = 'MinutesFontMissingError';
  }
}

// Read once per folder and kept: four files, ≈ 1.6 MB, used by every render.
const loaded = new Map<string, Promise<MinutesFontBytes>>();

/** The four faces' bytes; a failed read is not cached, so installing the package fixes a running server. */
export function loadMinutesFonts(dir = DEFAULT_MINUTES_FONT_DIR): Promise<MinutesFontBytes> {
  let fonts = loaded.get(dir);
  if (!fonts) {
    fonts = readAll(dir);
    loaded.set(dir, fonts);
    fonts.catch(() => loaded.delete(dir));
  }
  return fonts;
}

async function readAll(dir: string): Promise<MinutesFontBytes> {
  const faces = Object.keys(MINUTES_FONT_FILES) as FontFace[];
  const bytes = await Promise.all(
    faces.map(async (face) => {
      const path = join(dir, MINUTES_FONT_FILES[face]);
      try {
        return new Uint8Array(await readFile(path));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new MinutesFontMissingError(path);
        throw err;
      }
    }),
  );
  return Object.fromEntries(faces.map((face, i) => [face, bytes[i]])) as MinutesFontBytes;
}
