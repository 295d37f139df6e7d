/**
 * The candidate closest to a misspelt name (Levenshtein distance, case-insensitive), if it is
 * close enough to be the likely intent: at most 2 edits, and fewer than half the name's length.
 * @example closestName('famly_size', ['family_size', 'debt']) // 'family_size'
 */
export function closestName(name: string, candidates: readonly string[]): string | null {
  const a = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(a, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= 2 && bestDistance < Math.max(2, a.length / 2)
    ? best
    : null;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
