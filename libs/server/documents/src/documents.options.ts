export const DOCUMENTS_OPTIONS = Symbol('DOCUMENTS_OPTIONS');

export interface DocumentsOptions {
  /** DATA_DIR: uploads, blobs, thumbnails and stamped copies live below it. */
  dataDir: string;
  /** A Unicode TrueType font for watermarks (Vietnamese needs more than the standard PDF fonts). */
  watermarkFont?: string;
  /** Hours an unfinished upload is kept after its last chunk. */
  uploadTtlHours?: number;
  /** Start the background thumbnail/text queue (tests of other areas may turn it off). */
  backgroundWork?: boolean;
}

export const DEFAULT_WATERMARK_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
