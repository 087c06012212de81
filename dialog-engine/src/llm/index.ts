export { createOpenAiClient, type OpenAiClientOptions } from './client.js';
export { fillSlot, speechInput, SLOT_SCHEMAS, type SlotRequest } from './slot-fill.js';
export { summarizeCall, ruleSummary, SummarySchema, type NurseSummary, type LlmSummary } from './summary.js';
export { mergeTriageReview, requestTriageReview, reviewTriage, TriageReviewSchema, type TriageReview, type TriageReviewRequest } from './triage-review.js';
export { prepareInput, reviewedTriage, triageDecision, type PrepareDeps } from './prepare-input.js';
