/** Small readers of response bodies for the sequences; none of them throws. */

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function itemsOf(json: unknown): Record<string, unknown>[] {
  const items = isObject(json) ? json.items : undefined;
  return Array.isArray(items) ? items.filter(isObject) : [];
}

export function stringField(json: unknown, key: string): string | undefined {
  const value = isObject(json) ? json[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Reads the procurement id of an insert response: flat `id`, else nested `procurement.id`. */
export function procurementIdOf(json: unknown): string | undefined {
  return (
    stringField(json, 'id') ?? stringField(isObject(json) ? json.procurement : undefined, 'id')
  );
}

/** Reads the procurement record of a response that is flat or nests it under `procurement`. */
export function procurementOf(json: unknown): Record<string, unknown> | undefined {
  if (!isObject(json)) {
    return undefined;
  }
  return isObject(json.procurement) ? json.procurement : json;
}

/**
 * Reads the statuses of a procurement: its top-level `status` if present, otherwise every
 * `source_items[].status`. The published type has no top-level status, so the line items are
 * the likely home of it.
 */
export function procurementStatuses(json: unknown): string[] {
  const procurement = procurementOf(json);
  const top = stringField(procurement, 'status');
  if (top !== undefined) {
    return [top];
  }
  const items = procurement?.source_items;
  if (!Array.isArray(items)) {
    return [];
  }
  return items.filter(isObject).flatMap((item) => {
    const status = item.status;
    return typeof status === 'string' ? [status] : [];
  });
}

/** Reads the variant of an error body: `type` of a tagged object, or the bare string. */
export function variantOf(json: unknown): string | undefined {
  if (typeof json === 'string') {
    return json;
  }
  return stringField(json, 'type');
}

/** Reads the invoice document of an invoices.get response, flat or under `invoice`. */
export function invoiceOf(json: unknown): Record<string, unknown> | undefined {
  if (!isObject(json)) {
    return undefined;
  }
  return isObject(json.invoice) ? json.invoice : json;
}
