import { ticks } from './ticks.js';

/** A series of the line chart; `null` values leave a gap. `tone`: blue, accent, muted (dashed) or vep (dotted). */
export interface Series {
  name: string;
  values: (number | null)[];
  tone?: string;
}

/**
 * Lines over categories (waves) with points, a y axis with round ticks, and a legend,
 * drawn as inline SVG.
 * @example <LineChart xs={['2020', '2021']} series={[{ name: 'income', values: [8000, 9000] }]} />
 */
export function LineChart(props: {
  xs: string[];
  series: Series[];
  format?: (v: number) => string;
  yMin?: number;
  title?: string;
}) {
  const { xs, series } = props;
  const width = 480;
  const height = 220;
  const m = { top: 12, right: 16, bottom: 28, left: 56 };
  const all = series
    .flatMap((s) => s.values)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const lo = props.yMin ?? Math.min(0, ...all);
  const hi = Math.max(lo + 1e-9, ...all);
  const ys = ticks(lo, hi, 4);
  const top = Math.max(hi, ys[ys.length - 1] ?? hi);
  const step = ys.length > 1 ? ys[1] - ys[0] : Math.abs(hi) || 1;
  const format =
    props.format ?? ((v: number) => v.toFixed(Math.max(0, -Math.floor(Math.log10(step)))));
  const x = (i: number) =>
    m.left + (xs.length <= 1 ? 0.5 : i / (xs.length - 1)) * (width - m.left - m.right);
  const y = (v: number) =>
    height - m.bottom - ((v - lo) / (top - lo || 1)) * (height - m.top - m.bottom);
  return (
    <div>
      <svg
        class="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={props.title ?? ''}
      >
        {ys.map((v) => (
          <g key={v}>
            <line class="axis" x1={m.left} x2={width - m.right} y1={y(v)} y2={y(v)} />
            <text x={m.left - 6} y={y(v) + 4} text-anchor="end">
              {format(v)}
            </text>
          </g>
        ))}
        {xs.map((label, i) => (
          <text key={label} x={x(i)} y={height - 8} text-anchor="middle">
            {label}
          </text>
        ))}
        {series.map((s) => {
          const pts = s.values.map((v, i) => (v === null ? null : [x(i), y(v)]));
          const d = pts
            .map((p, i) =>
              p ? `${i === 0 || !pts[i - 1] ? 'M' : 'L'}${p[0].toFixed(1)},${p[1].toFixed(1)}` : '',
            )
            .join('');
          return (
            <g key={s.name}>
              <path d={d} fill="none" stroke-width={2} class={`stroke-${s.tone ?? 'blue'}`} />
              {s.tone !== 'muted' &&
                s.tone !== 'vep' &&
                pts.map(
                  (p, i) =>
                    p && (
                      <circle
                        key={i}
                        cx={p[0]}
                        cy={p[1]}
                        r={3.5}
                        class={`fill-${s.tone ?? 'blue'}`}
                      />
                    ),
                )}
            </g>
          );
        })}
      </svg>
      <div class="legend">
        {series.map((s) => (
          <span key={s.name}>
            <span class={`swatch sw-${s.tone ?? 'blue'}`} />
            {s.name}
          </span>
        ))}
      </div>
    </div>
  );
}
