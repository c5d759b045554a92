/**
 * Every feature of the server, in the order their services are built (a feature's services may use
 * those of the features above it). Adding a feature is one line here and one in the web app's list
 * (docs/ARCHITECTURE.md, "Adding a feature, step by step").
 */
export const FEATURES = [
  (await import('./modules/meta/index.js')).feature,
  (await import('./modules/regions/index.js')).feature,
  (await import('./modules/workers/index.js')).feature,
  (await import('./modules/audit/index.js')).feature,
  (await import('./modules/access/index.js')).feature,
  (await import('./modules/rates/index.js')).feature,
  (await import('./modules/sponsors/index.js')).feature,
  (await import('./modules/programmes/index.js')).feature,
  (await import('./modules/enrolments/index.js')).feature,
  (await import('./modules/imports/index.js')).feature,
  (await import('./modules/allocation/index.js')).feature,
  (await import('./modules/demo/index.js')).feature,
] as const;
