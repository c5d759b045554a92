/**
 * The content-security policy of every response (sent by @fastify/helmet). Ready for the chart and map
 * libraries the coverage dashboard will bring: they draw into canvas/SVG, load tiles and icons as `blob:`
 * or `data:` images and run their workers from `blob:` URLs. Scripts still come only from this origin and
 * `eval` stays forbidden (no 'unsafe-eval'): a library that needs it is the wrong library.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // React and chart libraries set inline style attributes (positions, sizes, colours).
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  // Map and chart libraries move their heavy work to a worker built from a blob.
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  upgradeInsecureRequests: null,
} satisfies Record<string, string[] | null>;

/** The options for @fastify/helmet's `contentSecurityPolicy`. */
export const contentSecurityPolicy = { directives: CSP_DIRECTIVES };
