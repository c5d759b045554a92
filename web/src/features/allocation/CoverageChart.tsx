import { formatMoney, formatNumber } from '../../ui/format.js';

/**
 * Workers covered against budget, as a plain SVG line (no chart library: a few points). The table
 * beside it carries the same numbers for screen readers, so the picture is described, not read.
 */
export function CoverageChart(props: {
  points: { budget: number; selected: number }[];
  title: string;
  desc: string;
}) {
  const pts = [...props.points].sort((a, b) => a.budget - b.budget);
  const W = 480;
  const H = 220;
  const pad = { l: 56, r: 16, t: 16, b: 40 };
  const maxX = Math.max(1, ...pts.map((p) => p.budget));
  const maxY = Math.max(1, ...pts.map((p) => p.selected));
  const x = (v: number) => pad.l + (v / maxX) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / maxY) * (H - pad.t - pad.b);
  const line = pts.map((p) => `${x(p.budget).toFixed(1)},${y(p.selected).toFixed(1)}`).join(' ');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby="coverage-title coverage-desc"
      className="coverage-chart"
    >
      <title id="coverage-title">{props.title}</title>
      <desc id="coverage-desc">{props.desc}</desc>
      <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} stroke="currentColor" />
      <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} stroke="currentColor" />
      <text x={pad.l - 6} y={pad.t + 4} textAnchor="end" fontSize="11">
        {formatNumber(maxY)}
      </text>
      <text x={W - pad.r} y={H - pad.b + 16} textAnchor="end" fontSize="11">
        {formatMoney(maxX)}
      </text>
      <polyline points={`${x(0)},${y(0)} ${line}`} fill="none" stroke="#0b6e4f" strokeWidth="2" />
      {pts.map((p) => (
        <circle key={p.budget} cx={x(p.budget)} cy={y(p.selected)} r="4" fill="#0b6e4f" />
      ))}
    </svg>
  );
}
