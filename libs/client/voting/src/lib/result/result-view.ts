import { parseDecimal, type MotionResult, type MotionSpec, type NamedVoteLine, type VoteResultRecord } from '@phonghop/contracts';
import { type LabelLang, labelsOf, optionLabel, optionTone } from '../vote-labels';

/**
 * A closed vote as the result chart draws it, pure. Amounts stay exact decimal strings for every figure shown;
 * they become floating point only for bar lengths, where nothing is decided.
 */

/** A decimal amount as a number, for drawing only. */
export function drawn(amount: string): number {
  const units = parseDecimal(amount);
  return units === null ? 0 : Number(units) / 1e6;
}

export interface ResultRow {
  optionId: string;
  label: string;
  tone: 'yes' | 'no' | 'abstain' | 'other';
  ballots: number;
  weight: string;
  /** Bar length in % of the scale. */
  pct: number;
  /** Yes on a motion that passed, or an elected option. */
  winner: boolean;
  tied: boolean;
}

export interface ResultPicture {
  kind: MotionResult['kind'];
  rows: ResultRow[];
  /** Where the required amount sits on the scale, in %; null when the base is zero. */
  requiredPct: number | null;
  /** Some member weighs other than 1: weights are shown beside the ballots. */
  weighted: boolean;
  passed: boolean | null;
  elected: string[];
  tied: string[];
  base: string;
  required: string;
  cast: MotionResult['cast'];
  abstained: MotionResult['abstained'];
  invalid: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const isWhole = (weight: string, ballots: number) => parseDecimal(weight) === BigInt(ballots) * 1_000_000n;

export function resultPicture(spec: MotionSpec, decided: MotionResult, lang: LabelLang): ResultPicture {
  const values = decided.counts.map((c) => drawn(c.weight));
  // The scale holds the base (the whole bar is "everyone it is measured against") and any longer bar.
  const scale = Math.max(drawn(decided.base), ...values, 0);
  const winners = new Set(decided.kind === 'yes_no' ? (decided.passed ? ['yes'] : []) : decided.elected);
  const tied = new Set(decided.kind === 'election' ? decided.tied : []);
  const rows: ResultRow[] = decided.counts.map((c, i) => {
    const option = spec.options.find((o) => o.id === c.optionId);
    return {
      optionId: c.optionId,
      label: optionLabel(option, lang) || c.optionId,
      tone: option ? optionTone(option) : 'other',
      ballots: c.ballots,
      weight: c.weight,
      pct: scale > 0 ? round1((values[i] / scale) * 100) : 0,
      winner: winners.has(c.optionId),
      tied: tied.has(c.optionId),
    };
  });
  const base = drawn(decided.base);
  return {
    kind: decided.kind,
    rows,
    requiredPct: base > 0 && scale > 0 ? round1(Math.min(100, (drawn(decided.required) / scale) * 100)) : null,
    weighted: decided.counts.some((c) => !isWhole(c.weight, c.ballots)) || !isWhole(decided.cast.weight, decided.cast.ballots),
    passed: decided.kind === 'yes_no' ? decided.passed : null,
    elected: decided.kind === 'election' ? labelsOf(spec, decided.elected, lang) : [],
    tied: decided.kind === 'election' ? labelsOf(spec, decided.tied, lang) : [],
    base: decided.base,
    required: decided.required,
    cast: decided.cast,
    abstained: decided.abstained,
    invalid: decided.invalid.ballots,
  };
}

// ── SVG layout ─────────────────────────────────────────────────────────────

/** The chart's own coordinate box; the SVG scales it to the screen (tablet, console or projector). */
export const CHART = { width: 640, labelHeight: 24, barHeight: 30, rowGap: 16, top: 8, bottom: 28, valueRoom: 150 } as const;

export interface RowLayout {
  labelY: number;
  barY: number;
  barWidth: number;
  /** Where the figures go: inside the bar's end when it is long, after it otherwise. */
  valueX: number;
  valueInside: boolean;
}

export interface ChartLayout {
  height: number;
  barArea: number;
  rows: RowLayout[];
  /** The required mark's x, or null. */
  requiredX: number | null;
}

export function chartLayout(picture: Pick<ResultPicture, 'rows' | 'requiredPct'>): ChartLayout {
  const barArea = CHART.width - CHART.valueRoom;
  const rowHeight = CHART.labelHeight + CHART.barHeight + CHART.rowGap;
  const rows = picture.rows.map((r, i) => {
    const top = CHART.top + i * rowHeight;
    const barWidth = Math.round((r.pct / 100) * barArea * 10) / 10;
    const valueInside = barWidth > barArea * 0.75;
    return {
      labelY: top + CHART.labelHeight - 6,
      barY: top + CHART.labelHeight,
      barWidth,
      valueX: valueInside ? barWidth - 8 : barWidth + 8,
      valueInside,
    };
  });
  const requiredX = picture.requiredPct === null ? null : Math.round((picture.requiredPct / 100) * barArea * 10) / 10;
  return { height: CHART.top + rows.length * rowHeight + CHART.bottom - CHART.rowGap, barArea, rows, requiredX };
}

// ── The named list and receipts ────────────────────────────────────────────

export interface NamedRow {
  forUserId: string;
  fullName: string;
  choices: string;
  route: NamedVoteLine['route'];
  castByName: string | null;
  /** Shown when not 1. */
  weight: string | null;
}

/** Everyone's ballot of a named vote, by name in Vietnamese order; blank ballots read as "—". */
export function namedRows(record: Pick<VoteResultRecord, 'spec' | 'named'>, lang: LabelLang): NamedRow[] {
  return (record.named ?? [])
    .map((line) => ({
      forUserId: line.forUserId,
      fullName: line.fullName,
      choices: labelsOf(record.spec, line.choices, lang).join(', ') || '—',
      route: line.route,
      castByName: line.castByName,
      weight: parseDecimal(line.weight) === 1_000_000n ? null : line.weight,
    }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
}

/** Whether a receipt is among the counted ones; null when nothing was typed. Spaces around it are ignored. */
export function receiptCounted(receipts: readonly string[], typed: string): boolean | null {
  const receipt = typed.trim();
  if (!receipt) return null;
  return receipts.includes(receipt);
}

/** `a1b2c3d4…e5f6a7b8`: enough to compare with a printed or published hash by eye. */
export function shortHash(hash: string, keep = 8): string {
  return hash.length <= keep * 2 + 1 ? hash : `${hash.slice(0, keep)}…${hash.slice(-keep)}`;
}
