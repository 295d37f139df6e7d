import { linearScale, px, type Scale } from './svg.js';

/**
 * The frame of a chart on the unit square [0, 1]²: grid lines and ticks at 0, 0.2, …, 1 on
 * both axes, a frame and the dashed diagonal; returns the scales and the SVG.
 * @example const { x, y, body } = unitSquare({ left: 44, right: 346, top: 30, bottom: 296 })
 */
export function unitSquare(box: { left: number; right: number; top: number; bottom: number }): {
  x: Scale;
  y: Scale;
  body: string;
} {
  const x = linearScale([0, 1], [box.left, box.right]);
  const y = linearScale([0, 1], [box.bottom, box.top]);
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const grid = ticks
    .map(
      (t) =>
        `<line class="grid" x1="${box.left}" x2="${box.right}" y1="${px(y(t))}" y2="${px(y(t))}"/>` +
        `<text class="tick" x="${box.left - 4}" y="${px(y(t) + 3)}" text-anchor="end">${t}</text>` +
        `<text class="tick" x="${px(x(t))}" y="${box.bottom + 14}" text-anchor="middle">${t}</text>`,
    )
    .join('');
  const frame = `<rect class="frame" x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" fill="none" stroke="#888"/>`;
  const diagonal = `<line class="reference" x1="${px(x(0))}" y1="${px(y(0))}" x2="${px(x(1))}" y2="${px(y(1))}" stroke="#aaa" stroke-dasharray="4 3"/>`;
  return { x, y, body: grid + frame + diagonal };
}
