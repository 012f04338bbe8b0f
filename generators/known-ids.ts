/** A job as a request names it: by id, by external reference, or both once both are known. */
export interface JobReference {
  id?: string;
  external?: string;
}

/** An offer of a job's basket, which a procurement selection can name. */
export interface KnownOffer {
  sellableId: string;
  supplierBusinessId: string;
  /** Parts the offer covers, or none when the basket response did not list them. */
  jobPartIds: readonly string[];
}

/** A job the target holds, with the parts and basket offers seen for it. */
export interface KnownJob {
  id?: string;
  external?: string;
  partIds: readonly string[];
  offers: readonly KnownOffer[];
}

/**
 * A kind of id `KnownIds.add` takes on its own. Parts, sellables and supplier businesses added
 * this way belong to no job, so they only keep made-up ids from colliding with them: selections
 * take theirs from `rememberParts` and `rememberOffers`, which know the job.
 */
export type KnownIdKind =
  | 'job'
  | 'external'
  | 'site'
  | 'workProvider'
  | 'procurement'
  | 'invoice'
  | 'part'
  | 'sellable'
  | 'supplierBusiness';

interface JobRecord {
  id?: string;
  external?: string;
  partIds: string[];
  offers: KnownOffer[];
}

/**
 * Ids that earlier responses returned, so generated requests can name records the target holds.
 * A mutable registry: every read returns records in the order they were first remembered, so
 * the same registry state always gives the same generated cases.
 */
export class KnownIds {
  readonly #jobs: JobRecord[] = [];
  readonly #procurementIds: string[] = [];
  readonly #invoiceIds: string[] = [];
  readonly #siteIds: string[] = [];
  readonly #workProviderIds: string[] = [];
  readonly #looseIds: string[] = [];

  /** Remembers ids of one kind. A job id or an external reference becomes a job of its own. */
  add(kind: KnownIdKind, ids: readonly string[]): void {
    for (const id of ids) {
      this.#addOne(kind, id);
    }
  }

  /** Remembers a job, merged with any known job that shares its id or external reference. */
  rememberJob(job: JobReference): void {
    this.#jobRecord(job);
  }

  /** Remembers parts of a job, named as the request named it. */
  rememberParts(job: JobReference, partIds: readonly string[]): void {
    const record = this.#jobRecord(job);
    if (record !== undefined) {
      appendNew(record.partIds, partIds);
    }
  }

  /** Remembers basket offers of a job, each pair of sellable and supplier business once. */
  rememberOffers(job: JobReference, offers: readonly KnownOffer[]): void {
    const record = this.#jobRecord(job);
    if (record === undefined) {
      return;
    }
    for (const offer of offers) {
      const seen = record.offers.some(
        (known) =>
          known.sellableId === offer.sellableId &&
          known.supplierBusinessId === offer.supplierBusinessId,
      );
      if (!seen) {
        record.offers.push({ ...offer, jobPartIds: [...offer.jobPartIds] });
      }
    }
  }

  rememberProcurement(id: string): void {
    appendNew(this.#procurementIds, [id]);
  }

  rememberInvoice(id: string): void {
    appendNew(this.#invoiceIds, [id]);
  }

  /** Jobs in the order first remembered, as copies. */
  get jobs(): readonly KnownJob[] {
    return this.#jobs.map((job) => ({
      ...job,
      partIds: [...job.partIds],
      offers: job.offers.map((offer) => ({ ...offer, jobPartIds: [...offer.jobPartIds] })),
    }));
  }

  get procurementIds(): readonly string[] {
    return [...this.#procurementIds];
  }

  get invoiceIds(): readonly string[] {
    return [...this.#invoiceIds];
  }

  get siteIds(): readonly string[] {
    return [...this.#siteIds];
  }

  get workProviderIds(): readonly string[] {
    return [...this.#workProviderIds];
  }

  /** Parts, sellables and supplier businesses added with no job. */
  get looseIds(): readonly string[] {
    return [...this.#looseIds];
  }

  #addOne(kind: KnownIdKind, id: string): void {
    switch (kind) {
      case 'job':
        this.rememberJob({ id });
        return;
      case 'external':
        this.rememberJob({ external: id });
        return;
      case 'site':
        appendNew(this.#siteIds, [id]);
        return;
      case 'workProvider':
        appendNew(this.#workProviderIds, [id]);
        return;
      case 'procurement':
        this.rememberProcurement(id);
        return;
      case 'invoice':
        this.rememberInvoice(id);
        return;
      default:
        appendNew(this.#looseIds, [id]);
    }
  }

  #jobRecord(job: JobReference): JobRecord | undefined {
    const { id, external } = job;
    if (id === undefined && external === undefined) {
      return undefined;
    }
    const matches = this.#jobs.filter(
      (record) =>
        (id !== undefined && record.id === id) ||
        (external !== undefined && record.external === external),
    );
    const [first, ...rest] = matches;
    if (first === undefined) {
      const record: JobRecord = { partIds: [], offers: [], ...definedFields(job) };
      this.#jobs.push(record);
      return record;
    }
    Object.assign(first, definedFields(job));
    for (const other of rest) {
      mergeJobInto(first, other);
      this.#jobs.splice(this.#jobs.indexOf(other), 1);
    }
    return first;
  }
}

function definedFields(job: JobReference): JobReference {
  return {
    ...(job.id !== undefined ? { id: job.id } : {}),
    ...(job.external !== undefined ? { external: job.external } : {}),
  };
}

function mergeJobInto(target: JobRecord, other: JobRecord): void {
  if (target.id === undefined && other.id !== undefined) {
    target.id = other.id;
  }
  if (target.external === undefined && other.external !== undefined) {
    target.external = other.external;
  }
  appendNew(target.partIds, other.partIds);
  for (const offer of other.offers) {
    target.offers.push(offer);
  }
}

function appendNew(target: string[], values: readonly string[]): void {
  for (const value of values) {
    if (!target.includes(value)) {
      target.push(value);
    }
  }
}

/** Creates an empty registry of known ids. */
export function createKnownIds(): KnownIds {
  return new KnownIds();
}
