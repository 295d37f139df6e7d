import { esc, px, svgElement } from './svg.js';
import { unitSquare } from './unit-square.js';
import { validationWords, type ValidationWords } from '../validation-words.js';

/**
 * A calibration plot as an inline SVG: per bin of v, the observed share below the line
 * against the mean predicted v (circle area ∝ households), the 45° line dashed. Defaults:
 * 360 × 340 px, English `words`.
 * @example calibrationPlot(pair.calibration, { title: 'Waves 1 → 2' })
 */
export function calibrationPlot(
  bins: readonly {
    n: number;
    meanPredicted: number | null;
    observed: number | null;
    bin: number;
  }[],
  options: { title: string; width?: number; height?: number; words?: ValidationWords },
): string {
  const w = options.words ?? validationWords('en');
  const width = options.width ?? 360;
  const height = options.height ?? 340;
  const box = { left: 44, right: width - 14, top: 30, bottom: height - 44 };
  const { x, y, body } = unitSquare(box);
  const total = bins.reduce((s, b) => s + b.n, 0) || 1;
  const dots = bins
    .filter((b) => b.n > 0 && b.meanPredicted !== null && b.observed !== null)
    .map((b) => {
      const r = 3 + 12 * Math.sqrt(b.n / total);
      const tip = w.bin(b.bin, b.n, b.meanPredicted!.toFixed(3), b.observed!.toFixed(3));
      return `<circle class="bin" cx="${px(x(b.meanPredicted!))}" cy="${px(y(b.observed!))}" r="${px(r)}" fill="#d9822b" fill-opacity="0.7"><title>${esc(tip)}</title></circle>`;
    })
    .join('');
  const label = `${options.title}: ${w.calibration}`;
  return svgElement(
    { width, height, title: label, className: 'chart calibration' },
    body +
      dots +
      `<text class="chart-title" x="${box.left}" y="18">${esc(label)}</text>` +
      `<text class="axis-title" x="${px((box.left + box.right) / 2)}" y="${height - 8}" text-anchor="middle">${esc(w.meanPredicted)}</text>` +
      `<text class="axis-title" transform="translate(12 ${px((box.top + box.bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(w.observed)}</text>`,
  );
}
