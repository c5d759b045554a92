// The import pipeline's entry points, as imports.service.ts uses them; each lives in pipeline/
// (docs/decisions/0023-import-pipeline-parts.md).
export { type CheckOptions, checkFile } from './pipeline/check.js';
export { type CommitOptions, commitStaged, StagingMissing } from './pipeline/commit.js';
export { detectLayout, type Mapping, openRows } from './pipeline/layout.js';
export { MAX_ROWS } from './pipeline/sizing.js';
