/** One bar. `tone` picks its colour class (`blue`, `accent`, `low`, `medium`, `high`, `muted`). */
export interface Bar {
  label: string;
  value: number;
  tone?: string;
}

/**
 * Horizontal bars drawn as inline SVG, each labelled and with its value at its end.
 * @example <BarChart bars={[{ label: 'low', value: 80, tone: 'low' }]} />
 */
export function BarChart(props: { bars: Bar[]; format?: (v: number) => string; title?: string }) {
  const { bars, format = (v) => String(v) } = props;
  const width = 480;
  const row = 26;
  const left = 130;
  const right = 60;
  const max = Math.max(1e-12, ...bars.map((b) => b.value));
  const height = bars.length * row + 8;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title ?? ''}>
      {bars.map((b, i) => {
        const w = ((width - left - right) * Math.max(0, b.value)) / max;
        const y = 4 + i * row;
        return (
          <g key={b.label}>
            <text x={left - 6} y={y + row / 2 + 4} text-anchor="end">
              {b.label}
            </text>
            <rect
              x={left}
              y={y + 3}
              width={w}
              height={row - 8}
              rx={3}
              class={`fill-${b.tone ?? 'blue'}`}
            />
            <text class="bar-value" x={left + w + 4} y={y + row / 2 + 4}>
              {format(b.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
