import fc from 'fast-check';
import {
  invoiceOf,
  isObject,
  itemsOf,
  procurementIdOf,
  procurementOf,
  procurementStatuses,
  stringField,
  variantOf,
} from './read.js';
import type { SequenceRecorder } from './recorder.js';
import { describeOutcome, SequenceInconclusive } from './recorder.js';

/** The choices fast-check varies in the buyer loop; each shrinks towards the simplest loop. */
export interface BuyerLoopChoices {
  parts: { description: string; quantity: number }[];
  /** Order every new part, or only the first. */
  orderAll: boolean;
  /** Read the procurement list before the single procurement, or after. */
  listFirst: boolean;
}

export const buyerLoopChoices: fc.Arbitrary<BuyerLoopChoices> = fc.record({
  parts: fc.array(
    fc.record({
      description: fc.constantFrom(
        'Front bumper cover assembly',
        'Headlamp assembly LH',
        'Bonnet hinge RH',
        'Radiator support panel',
      ),
      quantity: fc.integer({ min: 1, max: 4 }),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  orderAll: fc.boolean(),
  listFirst: fc.boolean(),
});

/** Steps of the loop that feed no value to later steps, so a shrink may leave them out. */
export const OPTIONAL_STEPS = [
  'tier1',
  'businesses',
  'work-providers',
  'upsert',
  'identity-reach',
  'parts-list-before',
  'invoices-before-placement',
  'procurements-list',
  'confirm-twice',
  'supplier-view',
  'identity-rules',
] as const;

export type OptionalStep = (typeof OPTIONAL_STEPS)[number];

interface LoopState {
  jobId: string;
  partIds: string[];
  orderedPartIds: string[];
  procurementId: string;
  selections: {
    sellable_id: string;
    supplier_business_id: string;
    job_part_ids: string[];
    quantity: number;
  }[];
}

async function pickSiteAndProvider(
  recorder: SequenceRecorder,
  skip: ReadonlySet<OptionalStep>,
): Promise<{ siteId: string; workProviderId: string }> {
  const fixtures = recorder.session.options.fixtures;
  let siteId = fixtures.repairerSiteId;
  let workProviderId = fixtures.workProviderId;
  if (!skip.has('businesses')) {
    const ids = itemsOf(await recorder.expectOk('businesses.list', 'repairer', {})).map((item) =>
      stringField(item, 'id'),
    );
    if (!ids.includes(siteId) && ids[0] !== undefined) {
      siteId = ids[0];
    }
  }
  if (!skip.has('work-providers')) {
    const ids = itemsOf(
      await recorder.expectOk('repairer.work-providers.list', 'repairer', {}),
    ).map((item) => stringField(item, 'id'));
    if (!ids.includes(workProviderId) && ids[0] !== undefined) {
      workProviderId = ids[0];
    }
  }
  return { siteId, workProviderId };
}

async function insertJob(
  recorder: SequenceRecorder,
  reference: string,
  skip: ReadonlySet<OptionalStep>,
): Promise<string> {
  const { siteId, workProviderId } = await pickSiteAndProvider(recorder, skip);
  const body = {
    identity: { external: reference },
    repairer_site_id: siteId,
    work_provider_id: workProviderId,
  };
  const jobId = stringField(
    await recorder.expectOk('repairer.jobs.insert', 'repairer', body),
    'id',
  );
  if (jobId === undefined) {
    throw new SequenceInconclusive('repairer.jobs.insert returned no job id');
  }
  if (!skip.has('upsert')) {
    const again = stringField(
      await recorder.expectOk('repairer.jobs.insert', 'repairer', body),
      'id',
    );
    if (again !== jobId) {
      recorder.fail('lifecycle', 'an insert with an existing identity updates that job', {
        message: 'a second insert of the same identity returned another job',
        expected: `id ${jobId}`,
        actual: `id ${again ?? 'missing'}`,
      });
    }
  }
  if (!skip.has('identity-reach')) {
    const byId = await recorder.expectOk('repairer.jobs.get', 'repairer', {
      identity: { id: jobId },
    });
    const byExternal = await recorder.expectOk('repairer.jobs.get', 'repairer', {
      identity: { external: reference },
    });
    if (stringField(byId, 'id') !== jobId || stringField(byExternal, 'id') !== jobId) {
      recorder.fail('lifecycle', 'the id and the external reference reach the same job', {
        message: 'the two identities of one job read different jobs',
        expected: `id ${jobId} both ways`,
        actual: `${stringField(byId, 'id')} by id, ${stringField(byExternal, 'id')} by external`,
      });
    }
  }
  return jobId;
}

function statusesById(json: unknown): Map<string, string | undefined> {
  return new Map(
    itemsOf(json).map((item) => [stringField(item, 'id') ?? '', stringField(item, 'status')]),
  );
}

async function insertParts(
  recorder: SequenceRecorder,
  jobId: string,
  choices: BuyerLoopChoices,
  skip: ReadonlySet<OptionalStep>,
): Promise<string[]> {
  const parts = choices.parts.map((part) => ({ ...part }));
  const json = await recorder.expectOk('repairer.jobs.parts.insert', 'repairer', {
    job_identity: { id: jobId },
    parts,
  });
  const items = itemsOf(json);
  const partIds = items.flatMap((item) => {
    const id = stringField(item, 'id');
    return id === undefined ? [] : [id];
  });
  if (partIds.length < parts.length) {
    recorder.fail('lifecycle', 'parts.insert returns the inserted parts', {
      message: 'fewer parts came back than were inserted',
      expected: `${parts.length} parts`,
      actual: `${partIds.length} parts with an id`,
    });
  }
  const notEstimated = items.filter((item) => stringField(item, 'status') !== 'estimated');
  if (notEstimated.length > 0) {
    recorder.fail('lifecycle', 'a newly inserted part is estimated', {
      message: 'a new part is not estimated',
      expected: 'status estimated',
      actual: `status ${stringField(notEstimated[0], 'status') ?? 'missing'}`,
    });
  }
  if (!skip.has('parts-list-before')) {
    const listed = statusesById(
      await recorder.expectOk('repairer.jobs.parts.list', 'repairer', {
        job_identity: { id: jobId },
      }),
    );
    const missing = partIds.filter((id) => listed.get(id) !== 'estimated');
    if (missing.length > 0) {
      recorder.fail('lifecycle', 'a part stays estimated until it is placed', {
        message: 'parts.list does not show every new part as estimated',
        expected: `${missing.join(', ')} estimated`,
        actual: missing.map((id) => `${id}: ${listed.get(id) ?? 'absent'}`).join(', '),
      });
    }
  }
  return partIds;
}

async function chooseOffers(
  recorder: SequenceRecorder,
  jobId: string,
  partIds: string[],
  choices: BuyerLoopChoices,
): Promise<LoopState['selections']> {
  const basket = await recorder.expectOk('repairer.jobs.baskets.latest.get', 'repairer', {
    job_identity: { id: jobId },
  });
  const offers =
    isObject(basket) && Array.isArray(basket.offers) ? basket.offers.filter(isObject) : [];
  const wanted = choices.orderAll ? partIds : partIds.slice(0, 1);
  const quantities = new Map(partIds.map((id, index) => [id, choices.parts[index]?.quantity ?? 1]));
  const selections: LoopState['selections'] = [];
  for (const partId of wanted) {
    const offer = offers.find(
      (candidate) =>
        Array.isArray(candidate.job_part_ids) && candidate.job_part_ids.includes(partId),
    );
    const sellableId = stringField(offer, 'sellable_id');
    const supplierBusinessId = stringField(offer, 'supplier_business_id');
    if (sellableId === undefined || supplierBusinessId === undefined) {
      throw new SequenceInconclusive(
        `the basket offers nothing with sellable and supplier for part ${partId}`,
      );
    }
    selections.push({
      sellable_id: sellableId,
      supplier_business_id: supplierBusinessId,
      job_part_ids: [partId],
      quantity: quantities.get(partId) ?? 1,
    });
  }
  return selections;
}

async function expectNoInvoices(
  recorder: SequenceRecorder,
  selector: Record<string, unknown>,
  when: string,
): Promise<void> {
  const { status, body, exchange } = await recorder.call(
    'repairer.procurements.invoices.list',
    'repairer',
    selector,
  );
  if (status === 200 && itemsOf(body).length > 0) {
    recorder.fail('lifecycle', 'invoices appear only after the order is confirmed', {
      message: `invoices exist ${when}`,
      expected: 'items: []',
      actual: `${itemsOf(body).length} invoice documents`,
    });
  }
  if (status !== 200) {
    recorder.breach('warning', 'lifecycle', 'an unconfirmed procurement lists no invoices', {
      message: `invoices.list ${when} did not return 200 with an empty list`,
      expected: '200 items: []',
      actual: describeOutcome(exchange),
    });
  }
}

function expectStatus(
  recorder: SequenceRecorder,
  json: unknown,
  expected: string,
  rule: string,
): void {
  const statuses = procurementStatuses(json);
  if (statuses.length === 0) {
    recorder.breach('warning', 'lifecycle', 'a procurement states its status', {
      message: 'no status found at the top level or on the source items',
      expected,
      actual: 'no status',
    });
    return;
  }
  const wrong = statuses.filter((status) => status !== expected);
  if (wrong.length > 0) {
    recorder.fail('lifecycle', rule, {
      message: `the procurement is ${wrong[0]}`,
      expected,
      actual: statuses.join(', '),
    });
  }
}

async function placeProcurement(
  recorder: SequenceRecorder,
  state: Omit<LoopState, 'procurementId' | 'orderedPartIds'>,
  skip: ReadonlySet<OptionalStep>,
): Promise<LoopState> {
  if (!skip.has('invoices-before-placement')) {
    await expectNoInvoices(recorder, { job_identity: { id: state.jobId } }, 'before any placement');
  }
  const inserted = await recorder.expectOk('repairer.procurements.insert', 'repairer', {
    job_identity: { id: state.jobId },
    offer_selections: state.selections,
  });
  const procurementId = procurementIdOf(inserted);
  if (procurementId === undefined) {
    throw new SequenceInconclusive('repairer.procurements.insert returned no procurement id');
  }
  const orderedPartIds = state.selections.flatMap((selection) => selection.job_part_ids);
  const listed = statusesById(
    await recorder.expectOk('repairer.jobs.parts.list', 'repairer', {
      job_identity: { id: state.jobId },
    }),
  );
  for (const partId of state.partIds) {
    const expected = orderedPartIds.includes(partId) ? 'ordered' : 'estimated';
    if (listed.get(partId) !== expected) {
      recorder.fail('lifecycle', 'placed parts are ordered and the others keep their status', {
        message: `part ${partId} is ${listed.get(partId) ?? 'absent'} after placement`,
        expected,
        actual: listed.get(partId) ?? 'absent',
      });
    }
  }
  const read = await recorder.expectOk('repairer.procurements.get', 'repairer', {
    identity: { id: procurementId },
  });
  expectStatus(recorder, read, 'order_requested', 'a new procurement is order_requested');
  if (stringField(procurementOf(read), 'job_id') !== state.jobId) {
    recorder.breach('warning', 'lifecycle', 'the procurement belongs to the job', {
      message: 'job_id of the procurement is not the job',
      expected: state.jobId,
      actual: stringField(procurementOf(read), 'job_id') ?? 'missing',
    });
  }
  await expectNoInvoices(
    recorder,
    { procurement_identity: { id: procurementId } },
    'before confirmation',
  );
  return { ...state, procurementId, orderedPartIds };
}

async function confirmProcurement(
  recorder: SequenceRecorder,
  state: LoopState,
  choices: BuyerLoopChoices,
  skip: ReadonlySet<OptionalStep>,
): Promise<void> {
  const identity = { identity: { id: state.procurementId } };
  await recorder.expectOk('supplier.procurements.confirm', 'supplier', identity);
  if (choices.listFirst) {
    await listProcurements(recorder, state, skip);
  }
  const read = await recorder.expectOk('repairer.procurements.get', 'repairer', identity);
  expectStatus(recorder, read, 'order_confirmed', 'a confirmed procurement is order_confirmed');
  if (!choices.listFirst) {
    await listProcurements(recorder, state, skip);
  }
  if (!skip.has('confirm-twice')) {
    const { status, exchange } = await recorder.call(
      'supplier.procurements.confirm',
      'supplier',
      identity,
    );
    if (status !== 200) {
      recorder.breach('warning', 'lifecycle', 'confirming twice answers 200 again', {
        message: 'a second confirm was rejected',
        expected: '200',
        actual: describeOutcome(exchange),
      });
    }
    const again = await recorder.expectOk('repairer.procurements.get', 'repairer', identity);
    expectStatus(
      recorder,
      again,
      'order_confirmed',
      'a confirmed procurement stays order_confirmed',
    );
  }
  if (!skip.has('supplier-view')) {
    await compareViews(recorder, read, identity);
  }
}

async function listProcurements(
  recorder: SequenceRecorder,
  state: LoopState,
  skip: ReadonlySet<OptionalStep>,
): Promise<void> {
  if (skip.has('procurements-list')) {
    return;
  }
  const listed = await recorder.expectOk('repairer.procurements.list', 'repairer', {
    job_identity: { id: state.jobId },
  });
  if (!itemsOf(listed).some((item) => stringField(item, 'id') === state.procurementId)) {
    recorder.breach('warning', 'lifecycle', 'the job lists its procurement', {
      message: 'procurements.list of the job does not contain the procurement',
      expected: state.procurementId,
      actual:
        itemsOf(listed)
          .map((item) => stringField(item, 'id'))
          .join(', ') || 'no items',
    });
  }
}

async function compareViews(
  recorder: SequenceRecorder,
  buyer: unknown,
  identity: unknown,
): Promise<void> {
  const supplier = await recorder.expectOk('supplier.procurements.get', 'supplier', identity);
  for (const field of ['id', 'job_id', 'currency_code', 'created_at']) {
    const left = procurementOf(buyer)?.[field];
    const right = procurementOf(supplier)?.[field];
    if (JSON.stringify(left) !== JSON.stringify(right)) {
      recorder.breach('warning', 'lifecycle', 'buyer and supplier see the same procurement', {
        message: `${field} differs between the two views`,
        expected: JSON.stringify(left),
        actual: JSON.stringify(right),
      });
    }
  }
}

async function readInvoices(recorder: SequenceRecorder, state: LoopState): Promise<void> {
  const listed = await recorder.expectOk('repairer.procurements.invoices.list', 'repairer', {
    procurement_identity: { id: state.procurementId },
  });
  const documents = itemsOf(listed);
  if (documents.length === 0) {
    recorder.breach('warning', 'lifecycle', 'a confirmed procurement has an invoice', {
      message: 'no invoice after confirmation',
      expected: 'at least one invoice document',
      actual: 'items: []',
    });
    return;
  }
  for (const document of documents) {
    const id = stringField(document, 'id');
    if (id === undefined) {
      continue;
    }
    const fetched = invoiceOf(
      await recorder.expectOk('repairer.procurements.invoices.get', 'repairer', {
        identity: { id },
      }),
    );
    if (stringField(fetched, 'id') !== id) {
      recorder.fail('lifecycle', 'invoices.get returns the listed document', {
        message: 'the fetched invoice has another id',
        expected: id,
        actual: stringField(fetched, 'id') ?? 'missing',
      });
    }
    checkInvoiceLines(recorder, fetched, state);
  }
}

/** Invoice lines name only what was ordered, in the ordered quantities. */
function checkInvoiceLines(
  recorder: SequenceRecorder,
  invoice: Record<string, unknown> | undefined,
  state: LoopState,
): void {
  const lines = Array.isArray(invoice?.lines) ? invoice.lines.filter(isObject) : [];
  for (const line of lines) {
    const partId = stringField(line, 'job_part_id');
    const sellableId = stringField(line, 'sellable_id');
    const selection = state.selections.find(
      (candidate) =>
        (partId !== undefined && candidate.job_part_ids.includes(partId)) ||
        (sellableId !== undefined && candidate.sellable_id === sellableId),
    );
    if (!selection || (typeof line.quantity === 'number' && line.quantity !== selection.quantity)) {
      recorder.breach('warning', 'lifecycle', 'invoice lines match what was ordered', {
        message: 'an invoice line matches no ordered selection',
        expected: JSON.stringify(state.selections),
        actual: JSON.stringify(line),
      });
      return;
    }
  }
}

async function expectBadRequest(
  recorder: SequenceRecorder,
  method: string,
  body: unknown,
  rule: string,
): Promise<void> {
  const { status, body: answer, exchange } = await recorder.call(method, 'repairer', body);
  if (status !== 400 || variantOf(answer) !== 'bad_request') {
    recorder.fail('lifecycle', rule, {
      message: `${method} did not return bad_request`,
      expected: '400 {"type":"bad_request"}',
      actual: describeOutcome(exchange),
    });
  }
}

async function checkIdentityRules(recorder: SequenceRecorder, state: LoopState): Promise<void> {
  const job = { id: state.jobId };
  await expectBadRequest(
    recorder,
    'repairer.jobs.baskets.latest.get',
    { job_identity: { id: state.jobId, external: 'both-at-once' } },
    'a job identity with both variants is bad_request',
  );
  await expectBadRequest(
    recorder,
    'repairer.jobs.baskets.latest.get',
    { job_identity: {} },
    'a job identity with neither variant is bad_request',
  );
  await expectBadRequest(
    recorder,
    'repairer.procurements.invoices.list',
    { job_identity: job, procurement_identity: { id: state.procurementId } },
    'invoices.list with both selectors is bad_request',
  );
  await expectBadRequest(
    recorder,
    'repairer.procurements.invoices.list',
    {},
    'invoices.list with neither selector is bad_request',
  );
}

/**
 * Runs the buyer loop in one tenant: a new job, its parts, the basket, placement, the supplier's
 * confirmation and the invoices, checking the lifecycle and identity rules on the way. Values
 * flow from each response to the next request.
 */
export async function runBuyerLoop(
  recorder: SequenceRecorder,
  choices: BuyerLoopChoices,
  reference: string,
  skip: ReadonlySet<OptionalStep>,
): Promise<void> {
  if (!skip.has('tier1')) {
    await recorder.expectOk('tier1.prepare', 'repairer', {
      identifiers: [{ vin: recorder.session.options.fixtures.vin }],
    });
  }
  const jobId = await insertJob(recorder, reference, skip);
  const partIds = await insertParts(recorder, jobId, choices, skip);
  const selections = await chooseOffers(recorder, jobId, partIds, choices);
  const state = await placeProcurement(recorder, { jobId, partIds, selections }, skip);
  await confirmProcurement(recorder, state, choices, skip);
  await readInvoices(recorder, state);
  if (!skip.has('identity-rules')) {
    await checkIdentityRules(recorder, state);
  }
}
