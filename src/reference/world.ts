import { type IntegrationCredential, SEED } from './seed.js';

export type PartStatus = 'estimated' | 'ordered';

export type ProcurementStatus = 'order_requested' | 'order_confirmed';

export interface Vehicle {
  vin: string | null;
  make: string | null;
  model: string | null;
  year: number | string | null;
  registration: string | null;
}

export interface Image {
  id: string;
  url: string;
}

export interface Part {
  id: string;
  description: string;
  quantity: number;
  status: PartStatus;
  /** Sellable of the basket offer for this part, fixed when the part is created. */
  sellableId: string;
  unitPriceCents: number;
}

export interface Job {
  id: string;
  externalId: string | null;
  claimNumber: string | null;
  jobNumber: string | null;
  repairerSiteId: string;
  workProviderId: string | null;
  vehicle: Vehicle | null;
  images: Image[];
  parts: Part[];
}

/** One line of a procurement: one basket offer selected for one or more parts. */
export interface SourceItem {
  id: string;
  sellableId: string;
  supplierBusinessId: string;
  jobPartIds: string[];
  quantity: number;
  unitPriceCents: number;
  description: string;
}

export interface Procurement {
  id: string;
  jobId: string;
  status: ProcurementStatus;
  reference: string | null;
  createdAt: string;
  updatedAt: string;
  supplierBusinessId: string;
  sourceItems: SourceItem[];
  /** Set once the invoice of this procurement exists. */
  invoiceId: string | undefined;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitPriceCents: number;
  sellableId: string;
  jobPartId: string | undefined;
  sourceItemId: string;
}

export interface Invoice {
  id: string;
  number: string;
  procurementId: string;
  jobId: string;
  issuedAt: string;
  lines: InvoiceLine[];
}

/** The state of one tenant: what every method reads and writes. */
export interface World {
  jobs: Map<string, Job>;
  /** Job id by external reference. */
  jobIdsByExternal: Map<string, string>;
  /** Procurements in creation order. */
  procurements: Map<string, Procurement>;
  invoices: Map<string, Invoice>;
  /** Credentials minted by `integrations.insert`, by API key. */
  mintedCredentials: Map<string, IntegrationCredential>;
  /** The demo access code has been exchanged for a key. */
  accessCodeUsed: boolean;
}

/** Creates a fresh world holding the seeded job, its parts and the pre-seeded procurement. */
export function createWorld(): World {
  const job = createSeedJob();
  const procurement = createSeedProcurement(job);
  return {
    jobs: new Map([[job.id, job]]),
    jobIdsByExternal: new Map([[SEED.job.external, job.id]]),
    procurements: new Map([[procurement.id, procurement]]),
    invoices: new Map(),
    mintedCredentials: new Map(),
    accessCodeUsed: false,
  };
}

function createSeedJob(): Job {
  const seed = SEED.job;
  return {
    id: seed.id,
    externalId: seed.external,
    claimNumber: seed.claimNumber,
    jobNumber: seed.jobNumber,
    repairerSiteId: seed.siteId,
    workProviderId: seed.workProviderId,
    vehicle: { ...seed.vehicle },
    images: [{ ...seed.image }],
    parts: SEED.parts.map((part) => ({
      id: part.id,
      description: part.description,
      quantity: part.quantity,
      status: part.ordered ? 'ordered' : 'estimated',
      sellableId: part.sellableId,
      unitPriceCents: part.unitPriceCents,
    })),
  };
}

function createSeedProcurement(job: Job): Procurement {
  const seed = SEED.procurement;
  const part = job.parts.find((candidate) => candidate.id === seed.partId);
  if (part === undefined) {
    throw new Error(`Seed part ${seed.partId} of the seeded procurement is missing`);
  }
  return {
    id: seed.id,
    jobId: job.id,
    status: 'order_requested',
    reference: seed.reference,
    createdAt: seed.createdAt,
    updatedAt: seed.createdAt,
    supplierBusinessId: SEED.supplierBusiness.id,
    sourceItems: [
      {
        id: seed.sourceItemId,
        sellableId: part.sellableId,
        supplierBusinessId: SEED.supplierBusiness.id,
        jobPartIds: [part.id],
        quantity: part.quantity,
        unitPriceCents: part.unitPriceCents,
        description: part.description,
      },
    ],
    invoiceId: undefined,
  };
}

/** Returns the part of `job` with the id `partId`, if there is one. */
export function findPart(job: Job, partId: string): Part | undefined {
  return job.parts.find((part) => part.id === partId);
}
