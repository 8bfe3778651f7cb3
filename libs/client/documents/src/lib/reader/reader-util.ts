/** Resolves at the next animation frame. */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** The set without `n` (the same set when it has no `n`, so a signal holding it does not change). */
export function without(set: ReadonlySet<number>, n: number): ReadonlySet<number> {
  if (!set.has(n)) return set;
  const next = new Set(set);
  next.delete(n);
  return next;
}
