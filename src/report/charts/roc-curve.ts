import { sortedOrder } from '../../vep/auc.js';
import { esc, px, svgElement } from './svg.js';
import { unitSquare } from './unit-square.js';
import { validationWords, type ValidationWords } from '../validation-words.js';

/**
 * Points of the ROC curve of scores `v` for a 0/1 outcome `y`: (false-positive rate,
 * true-positive rate) after each distinct v from the highest down, from (0, 0) to (1, 1),
 * thinned to at most `maxPoints` (default 400) for drawing.
 * @example rocPoints(Float64Array.of(0.9, 0.1), Uint8Array.of(1, 0)) // [[0,0],[0,1],[1,1]]
 */
export function rocPoints(
  v: Float64Array,
  y: Uint8Array,
  options: { maxPoints?: number } = {},
): [number, number][] {
  const n = v.length;
  let events = 0;
  for (let i = 0; i < n; i++) events += y[i];
  const others = n - events;
  if (events === 0 || others === 0) return [];
  const order = sortedOrder(v, n).reverse();
  const points: [number, number][] = [[0, 0]];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const j = order[i];
    if (y[j]) tp++;
    else fp++;
    if (i + 1 === n || v[order[i + 1]] !== v[j]) points.push([fp / others, tp / events]);
  }
  const max = options.maxPoints ?? 400;
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, k) => points[Math.round(k * step)]);
}

/**
 * A ROC curve as an inline SVG (no scripts): true-positive rate against false-positive rate,
 * the chance diagonal dashed, the AUC in the title. Defaults: 360 × 340 px, English `words`.
 * @example rocCurve(rocPoints(v, y), { auc: 0.81, title: 'Waves 1 → 2' })
 */
export function rocCurve(
  points: readonly (readonly [number, number])[],
  options: {
    auc: number | null;
    title: string;
    width?: number;
    height?: number;
    words?: ValidationWords;
  },
): string {
  const w = options.words ?? validationWords('en');
  const width = options.width ?? 360;
  const height = options.height ?? 340;
  const box = { left: 44, right: width - 14, top: 30, bottom: height - 44 };
  const { x, y, body } = unitSquare(box);
  const path = points.map(([a, b], k) => `${k ? 'L' : 'M'}${px(x(a))},${px(y(b))}`).join('');
  const label = `${options.title}: ${w.roc}, AUC ${options.auc === null ? '—' : options.auc.toFixed(3)}`;
  return svgElement(
    { width, height, title: label, className: 'chart roc' },
    body +
      (path
        ? `<path class="curve" d="${path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>`
        : '') +
      `<text class="chart-title" x="${box.left}" y="18">${esc(label)}</text>` +
      `<text class="axis-title" x="${px((box.left + box.right) / 2)}" y="${height - 8}" text-anchor="middle">${esc(w.falsePositive)}</text>` +
      `<text class="axis-title" transform="translate(12 ${px((box.top + box.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(w.truePositive)}</text>`,
  );
}
