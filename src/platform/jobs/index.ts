export { type Jobs, openJobs } from './jobs.js';
