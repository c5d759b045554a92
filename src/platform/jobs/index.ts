export { createJobRunner, type JobRunner, PROGRESS_WRITE_MS, type RunningHere } from './runner.js';
export {
  type EnqueueOptions,
  isRetryable,
  JobFailed,
  type JobHandler,
  JobKeyTaken,
  type JobKindOptions,
  type JobRecord,
  type JobRun,
  type JobState,
  RetryableError,
} from './types.js';
