import { esc, linearScale, niceTicks, px, svgElement, tickLabel, yAxis } from './svg.js';

/** One estimate with its confidence interval, at a position on the x axis. */
export interface PanelPoint {
  readonly x: number;
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** One small multiple: a term's estimates, and optionally a reference estimate (dashed). */
export interface CoefficientPanel {
  readonly title: string;
  readonly points: readonly PanelPoint[];
  readonly reference?: { readonly estimate: number; readonly low: number; readonly high: number };
}

/** Options of `coefficientPanels`. Panels are 180 px high and at least 240 px wide. */
export interface PanelOptions {
  /** The chart's accessible title. */
  readonly title: string;
  /** `band`: a line through the points over a shaded interval; `bars`: points with error bars. */
  readonly mode: 'band' | 'bars';
  /** x positions and their labels. */
  readonly xTicks: readonly { readonly x: number; readonly label: string }[];
  readonly xDomain: readonly [number, number];
  readonly className?: string;
  /** Panels per row; default 3. */
  readonly columns?: number;
}

const H = 180;

/**
 * Small multiples of coefficient estimates with confidence intervals, one panel per term
 * (each with its own y scale and a zero line): quantreg's `plot(summary(rq))` look for
 * coefficients across τ (`band`), or a forest of estimates across models (`bars`).
 * @example coefficientPanels(panels, { title: 'Coefficients across quantiles', mode: 'band', xTicks, xDomain: [0, 1] })
 */
export function coefficientPanels(
  panels: readonly CoefficientPanel[],
  options: PanelOptions,
): string {
  const cols = Math.max(1, Math.min(options.columns ?? 3, panels.length));
  // Wide enough for the x labels: at least 240 px, 36 px per tick.
  const W = Math.max(240, 70 + 36 * options.xTicks.length);
  const rows = Math.ceil(panels.length / cols);
  const body = panels
    .map((p, k) => {
      const ox = (k % cols) * W;
      const oy = Math.floor(k / cols) * H;
      return `<g class="panel" transform="translate(${ox} ${oy})">${panel(p, options, W)}</g>`;
    })
    .join('');
  return svgElement(
    {
      width: cols * W,
      height: rows * H,
      title: options.title,
      className: options.className ?? 'chart coefficients',
    },
    body,
  );
}

function panel(p: CoefficientPanel, options: PanelOptions, W: number): string {
  const box = { left: 52, right: W - 10, top: 22, bottom: H - 26 };
  const values = [0, ...p.points.flatMap((q) => [q.low, q.high, q.estimate])];
  if (p.reference) values.push(p.reference.low, p.reference.high);
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (hi - lo < 1e-12) [lo, hi] = [lo - 1, hi + 1];
  const ticks = niceTicks(lo, hi, 4);
  const y = linearScale([ticks[0], ticks[ticks.length - 1]], [box.bottom, box.top]);
  const x = linearScale(options.xDomain, [box.left + 18, box.right - 14]);
  let s = `<text class="panel-title" x="${px((box.left + box.right) / 2)}" y="14" text-anchor="middle">${esc(short(p.title))}</text>`;
  s += yAxis(y, ticks, box);
  s += `<line class="zero" x1="${box.left}" x2="${box.right}" y1="${px(y(0))}" y2="${px(y(0))}"/>`;
  if (p.reference) {
    const r = p.reference;
    s +=
      `<rect class="reference-band" x="${box.left}" y="${px(y(r.high))}" width="${box.right - box.left}" height="${px(Math.max(0, y(r.low) - y(r.high)))}"/>` +
      `<line class="reference" x1="${box.left}" x2="${box.right}" y1="${px(y(r.estimate))}" y2="${px(y(r.estimate))}"/>`;
  }
  const pts = p.points.filter((q) => Number.isFinite(q.estimate));
  if (options.mode === 'band' && pts.length > 0) {
    const upper = pts.map((q) => `${px(x(q.x))},${px(y(q.high))}`);
    const lower = [...pts].reverse().map((q) => `${px(x(q.x))},${px(y(q.low))}`);
    s += `<polygon class="ci-band" points="${[...upper, ...lower].join(' ')}"/>`;
    s += `<polyline class="estimate-line" points="${pts.map((q) => `${px(x(q.x))},${px(y(q.estimate))}`).join(' ')}"/>`;
  }
  for (const q of pts) {
    const label = `${tickLabel(q.estimate)} [${tickLabel(q.low)}, ${tickLabel(q.high)}]`;
    if (options.mode === 'bars')
      s += `<line class="ci-bar" x1="${px(x(q.x))}" x2="${px(x(q.x))}" y1="${px(y(q.low))}" y2="${px(y(q.high))}"/>`;
    s += `<circle class="estimate" cx="${px(x(q.x))}" cy="${px(y(q.estimate))}" r="3"><title>${esc(label)}</title></circle>`;
  }
  s += options.xTicks
    .map(
      (t) =>
        `<text class="tick" x="${px(x(t.x))}" y="${box.bottom + 14}" text-anchor="middle">${esc(t.label)}</text>`,
    )
    .join('');
  return s;
}

/** Panel titles longer than 36 characters are cut with an ellipsis. */
function short(title: string): string {
  return title.length > 36 ? `${title.slice(0, 35)}…` : title;
}
