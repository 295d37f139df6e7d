import { htmlEscape } from '../formats/html.js';

/** A linear map from a data interval onto a pixel interval. */
export type Scale = (x: number) => number;

/**
 * A linear scale from `domain` onto `range`.
 * @example linearScale([0, 1], [40, 440])(0.5) // 240
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (x) => r0 + (x - d0) * k;
}

/**
 * About `count` round tick values covering [min, max] (steps of 1, 2 or 5 × 10^k).
 * @example niceTicks(0, 0.93, 5) // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const first = Math.floor(min / step + 1e-9);
  const ticks: number[] = [];
  // Computed from the index (no accumulated error), until the last tick reaches max.
  for (let i = first; ticks.length < 2 || ticks[ticks.length - 1] < max - step * 1e-9; i++) {
    ticks.push(Number((i * step).toFixed(decimals)) + 0);
  }
  return ticks;
}

/**
 * A tick label: up to 4 significant digits, scientific for very small or large values.
 * @example tickLabel(0.30000000000000004) // '0.3'
 */
export function tickLabel(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e6) return x.toExponential(1).replace('e', 'E');
  return String(Number(x.toPrecision(4)));
}

/** A number for SVG attributes: at most 2 decimals. */
export const px = (x: number): string => String(Math.round(x * 100) / 100);

/** Escapes text for SVG (the same rules as HTML). */
export const esc = htmlEscape;

/**
 * An `<svg>` element with a viewBox, an accessible title and the given body.
 * @example svgElement({ width: 480, height: 300, title: 'Histogram', className: 'chart' }, body)
 */
export function svgElement(
  options: { width: number; height: number; title: string; className?: string },
  body: string,
): string {
  const { width, height, title } = options;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="${esc(options.className ?? 'chart')}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>${body}</svg>`
  );
}

/**
 * A left axis (ticks, labels, grid lines across the plot) for a y scale.
 * @example yAxis(y, ticks, { left: 50, right: 460 })
 */
export function yAxis(
  y: Scale,
  ticks: readonly number[],
  box: { left: number; right: number },
  format: (t: number) => string = tickLabel,
): string {
  return ticks
    .map(
      (t) =>
        `<line class="grid" x1="${px(box.left)}" x2="${px(box.right)}" y1="${px(y(t))}" y2="${px(y(t))}"/>` +
        `<text class="tick" x="${px(box.left - 4)}" y="${px(y(t) + 3)}" text-anchor="end">${esc(format(t))}</text>`,
    )
    .join('');
}
