/**
 * What recharts gets for `victory-vendor/d3-scale` (the alias is in next.config.ts): the scales our charts use.
 * recharts imports that module as a namespace and picks a scale by name (`scale${Type}`), which keeps every d3 scale
 * in the bundle, time scales and their formats included (about 8 KB gzipped of the chart code, which SPEC §7's
 * 250 KB for the overview cannot spare). Our charts use the axis types category and number: recharts' "point",
 * "band" and "linear" scales. A scale name missing here makes recharts fall back to "point"
 * (combineRealScaleType), never a crash; tests/e2e/charts.spec.ts draws every chart kind through it.
 */
export { scaleBand, scaleLinear, scalePoint } from "d3-scale";
