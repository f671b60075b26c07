/**
 * The job service layer: what POST/GET /v1/jobs and the web app's loaders and actions call.
 * Every function takes the tenant; another tenant's job is a 404.
 */
export { createJob, canonicalJson, sha256Hex, type CreateJobInput, type JobCaller, type JobReceipt } from "./create-job";
export { getJob, getJobLive, listJobs, pauseJob, resumeJob, cancelJob, deleteJob, getJobResult, type JobRow, type ListJobsQuery } from "./job-queries";
export { forkJob, replayJob, type ForkChanges } from "./fork";
export { jobFinishedListeners, onJobFinished, type FinishedJob, type JobFinishedListener } from "./events";
export * from "./vocabulary";
