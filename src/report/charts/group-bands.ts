import { BAND_COLORS } from './vulnerability-histogram.js';
import { esc, px, svgElement } from './svg.js';

/** One bar: a group's shares in the three bands and its mean vulnerability. */
export interface GroupBar {
  readonly group: string;
  readonly n?: number;
  readonly mean: number;
  readonly below: number;
  readonly between: number;
  readonly above: number;
}

/**
 * Table 2 by group as an inline SVG: one horizontal 100% bar per group split into the shares
 * below, between and above the band cut points (shaded as the histogram's bands), with the
 * mean vulnerability at the right. Blocks are separated by a gap. Default width 560 px.
 * @example groupBandChart([[overall], yiHanOther], { bands: [0.3, 0.6] })
 */
export function groupBandChart(
  blocks: readonly (readonly GroupBar[])[],
  options: {
    bands: readonly [number, number];
    width?: number;
    /** The mean column's heading and the chart's title; default English. */
    meanLabel?: string;
    title?: string;
  },
): string {
  const width = options.width ?? 560;
  const rowH = 22;
  const gap = 10;
  const left = 190;
  const right = width - 70;
  const top = 30;
  const [a, b] = options.bands;
  let yPos = top;
  let body = '';
  const legend = [`< ${a}`, `${a}–${b}`, `> ${b}`];
  legend.forEach((text, k) => {
    const lx = left + k * 110;
    body +=
      `<rect x="${lx}" y="8" width="12" height="12" fill="${BAND_COLORS[k]}" stroke="#888" stroke-width="0.5"/>` +
      `<text class="tick" x="${lx + 16}" y="18">${esc(text)}</text>`;
  });
  body += `<text class="tick" x="${right + 8}" y="18">${esc(options.meanLabel ?? 'mean')}</text>`;
  for (const block of blocks) {
    for (const g of block) {
      let x0 = left;
      const shares = [g.below, g.between, g.above];
      shares.forEach((s, k) => {
        const w = (Number.isNaN(s) ? 0 : s) * (right - left);
        body +=
          `<rect class="segment" x="${px(x0)}" y="${yPos}" width="${px(w)}" height="${rowH - 6}" fill="${BAND_COLORS[k]}" stroke="#777" stroke-width="0.5">` +
          `<title>${esc(`${g.group}: ${(s * 100).toFixed(1)}% ${legend[k]}`)}</title></rect>`;
        if (w > 34)
          body += `<text class="share" x="${px(x0 + w / 2)}" y="${yPos + rowH - 10}" text-anchor="middle">${(s * 100).toFixed(0)}%</text>`;
        x0 += w;
      });
      body +=
        `<text class="label" x="${left - 6}" y="${yPos + rowH - 10}" text-anchor="end">${esc(g.group)}${g.n !== undefined ? ` (${g.n})` : ''}</text>` +
        `<text class="tick" x="${right + 8}" y="${yPos + rowH - 10}">${Number.isNaN(g.mean) ? '' : g.mean.toFixed(2)}</text>`;
      yPos += rowH;
    }
    yPos += gap;
  }
  const height = yPos + 4;
  return svgElement(
    {
      width,
      height,
      title: options.title ?? 'Vulnerability bands by group (Table 2)',
      className: 'chart group-bands',
    },
    body,
  );
}
