import { accessFeature } from './access/feature.js';
import { allocationFeature } from './allocation/feature.js';
import { auditFeature } from './audit/feature.js';
import { enrolmentsFeature } from './enrolments/feature.js';
import { importsFeature } from './imports/feature.js';
import { programmesFeature } from './programmes/feature.js';
import { ratesFeature } from './rates/feature.js';
import { sponsorsFeature } from './sponsors/feature.js';
import { workersFeature } from './workers/feature.js';

/**
 * Every feature of the web app, one line each: its routes (lazy pages), menu entries with the permission
 * they need, and its words (app/i18n.ts merges them). A new feature is a folder plus one line here.
 */
export const features = [
  workersFeature,
  importsFeature,
  programmesFeature,
  sponsorsFeature,
  auditFeature,
  accessFeature,
  enrolmentsFeature,
  allocationFeature,
  ratesFeature,
] as const;
