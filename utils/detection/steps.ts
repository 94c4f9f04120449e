/**
 * Work written as a generator that yields between its steps (`findCardsInSteps`,
 * `readHydrationInSteps`), so that a caller can pause between them. `runSteps` runs it to its end
 * at once; the content script's Slicer runs it with pauses.
 */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
