/** Pairwise clustering scores: over every pair of items, "should group" (same truth) against "grouped". */
export interface PairwiseScore {
  pairs: number;
  /** Pairs with the same truth and the same prediction. */
  truePositives: number;
  /** Pairs grouped although their truths differ (two bugs merged). */
  falsePositives: number;
  /** Pairs of one truth that were not grouped (one bug split). */
  falseNegatives: number;
  /** 1 when there is nothing to get wrong (no pair predicted / no pair to find). */
  precision: number;
  recall: number;
  f1: number;
}

export interface Clustered {
  truth: string;
  predicted: string;
}

export function pairwiseScore(items: readonly Clustered[]): PairwiseScore {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let pairs = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as Clustered;
      const b = items[j] as Clustered;
      pairs++;
      const same = a.truth === b.truth;
      const grouped = a.predicted === b.predicted;
      if (same && grouped) truePositives++;
      else if (grouped) falsePositives++;
      else if (same) falseNegatives++;
    }
  }
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { pairs, truePositives, falsePositives, falseNegatives, precision, recall, f1 };
}
