// The only door from src/batch to src/report: the run reports' SVG charts and number formats.
export { renderLineChart, type LineSeries } from '../report/charts/line-chart.ts';
export { renderBarChart } from '../report/charts/bar-chart.ts';
export { formatBytes, formatNumber } from '../report/charts/format.ts';
