/** One bar of the drivers chart: a term's contribution, negative to the left. */
export interface DriverBar {
  label: string;
  contribution: number;
}

/**
 * Diverging horizontal bars around zero (the wave's average household): bars to the left
 * lower the quantity (red), bars to the right raise it (blue), each with its value.
 * @example <DriversChart bars={[{ label: 'debt', contribution: -0.14 }]} />
 */
export function DriversChart(props: {
  bars: DriverBar[];
  format?: (v: number) => string;
  title?: string;
}) {
  const { bars, format = (v) => (v > 0 ? '+' : '') + v.toFixed(3) } = props;
  const width = 600;
  const row = 26;
  const left = 230;
  const pad = 56;
  const mid = left + (width - left) / 2;
  const half = (width - left) / 2 - pad;
  const max = Math.max(1e-12, ...bars.map((b) => Math.abs(b.contribution)));
  const height = bars.length * row + 8;
  return (
    <svg
      class="chart drivers"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.title ?? ''}
    >
      <line class="axis zero" x1={mid} x2={mid} y1={0} y2={height} />
      {bars.map((b, i) => {
        const w = (half * Math.abs(b.contribution)) / max;
        const y = 4 + i * row;
        const negative = b.contribution < 0;
        return (
          <g key={b.label} data-term={b.label} class={negative ? 'neg' : 'pos'}>
            <text x={left - 6} y={y + row / 2 + 4} text-anchor="end">
              {b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label}
            </text>
            <rect
              x={negative ? mid - w : mid}
              y={y + 3}
              width={Math.max(w, 0.5)}
              height={row - 8}
              rx={3}
              class={negative ? 'fill-accent' : 'fill-blue'}
            />
            <text
              class="bar-value"
              x={negative ? mid - w - 4 : mid + w + 4}
              y={y + row / 2 + 4}
              text-anchor={negative ? 'end' : 'start'}
            >
              {format(b.contribution)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
