import { type PageText, type ReanchorItem, type ReanchorPlacement, reanchorAll } from '@phonghop/anchoring';

/** What the worker gets: the old version's annotations as anchoring items and both versions' page texts. */
export interface ReanchorJob {
  items: ReanchorItem[];
  oldPages: PageText[];
  newPages: PageText[];
}

export interface ReanchorAnswer {
  placements: ReanchorPlacement[];
  stats: { steps: number; maxSteps: number; elapsedMs: number; budgetExhausted: boolean };
}

/** Runs in the worker: the search is CPU work of up to a few seconds for a long document. */
export function runReanchor(job: ReanchorJob): Uint8Array {
  const { placements, stats } = reanchorAll(job.items, job.oldPages, job.newPages);
  const answer: ReanchorAnswer = { placements, stats: { steps: stats.steps, maxSteps: stats.maxSteps, elapsedMs: stats.elapsedMs, budgetExhausted: stats.budgetExhausted } };
  return new TextEncoder().encode(JSON.stringify(answer));
}
