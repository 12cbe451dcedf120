// Background jobs persisted in the Job table: start work, watch its progress, cancel it.
export { startJob, type JobContext, type JobOptions, type JobWork, type StartJobInput } from "./start-job";
export { getJob, getJobForActor, latestJob } from "./get-job";
export { cancelJob, cancelJobForActor } from "./cancel-job";
export { failInterruptedJobs, INTERRUPTED_MESSAGE } from "./fail-interrupted-jobs";
export { waitForJob } from "./wait-for-job";
