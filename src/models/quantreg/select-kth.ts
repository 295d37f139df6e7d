/**
 * The k-th smallest value (0-based) of an array, by Hoare's quickselect with median-of-three
 * pivots; reorders `a` in place. O(n) on average.
 * @example selectKth(Float64Array.from([3, 1, 2]), 0) // 1
 */
export function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Quantile by R's type 7 rule without sorting: two order statistics by quickselect.
 * Reorders `a` in place.
 * @example quantileSelect(values, 0.25)
 */
export function quantileSelect(a: Float64Array, prob: number): number {
  const h = (a.length - 1) * prob;
  const lo = Math.floor(h);
  const x = selectKth(a, lo);
  if (h === lo || lo + 1 >= a.length) return x;
  // After selection, the (lo+1)-th smallest is the minimum of the upper part.
  let y = Infinity;
  for (let i = lo + 1; i < a.length; i++) if (a[i] < y) y = a[i];
  return x + (h - lo) * (y - x);
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
