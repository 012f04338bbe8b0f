export {
  FAULTS_ENVIRONMENT_VARIABLE,
  type FaultName,
  parseFaultList,
  REFERENCE_FAULTS,
  type ReferenceFault,
  resolveFaults,
} from './faults.js';
export { REFERENCE_METHODS } from './method-table.js';
export { DEMO_ACCESS_CODE, OAUTH_CLIENTS, SEED, SEEDED_CREDENTIALS } from './seed.js';
export {
  type ReferenceTarget,
  type ReferenceTargetOptions,
  startReferenceTarget,
} from './server.js';
export { TenantStore, type TenantStoreOptions } from './tenants.js';
