import type { Catalogue, Lang } from './catalogue';
import { VI } from './catalogue.vi';
import { EN } from './catalogue.en';

// `VI satisfies Catalogue` keeps its literal key set as the definition while typing the lookup table.
export const CATALOGUES: Record<Lang, Catalogue> = { vi: VI satisfies Catalogue, en: EN };
