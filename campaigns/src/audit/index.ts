/** The audit trail's verifier alone (`@tingzhen/campaigns/audit`): what `tingzhen audit verify` loads. */
export { verifyAuditChain, auditRowHash, auditCanonical, GENESIS_HASH, type AuditVerifyReport, type AuditProblem, type AuditVerifyOptions, type AuditChainRow } from './chain.js';
