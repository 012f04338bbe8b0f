import { compareSchemas, type SchemaComparison } from './schema-diff.js';
import {
  escapePointerToken,
  followReferences,
  isJsonObject,
  normalizeSchema,
} from './schema-normalize.js';

/** Wire form of an error variant: `{"type": name}`, the bare string `"name"`, or neither. */
export type VariantStyle = 'tagged' | 'bare' | 'unnamed';

/** One member of a method's error union, as a spec describes it. */
export interface UnionVariant {
  name: string;
  style: VariantStyle;
  schema: unknown;
  pointer: string;
}

const MAX_UNION_DEPTH = 8;

function stringValues(values: unknown[] | undefined): string[] | undefined {
  if (!values || values.length === 0 || !values.every((value) => typeof value === 'string')) {
    return undefined;
  }
  return values as string[];
}

/** Lists the variants of one alternative: its enum of bare strings, or its tagged `type`. */
function variantsOfBranch(
  root: unknown,
  branch: unknown,
  pointer: string,
  depth: number,
): UnionVariant[] {
  const schema = normalizeSchema(root, branch);
  if (schema.branches && depth < MAX_UNION_DEPTH) {
    return variantsOfSchema(root, branch, pointer, depth + 1);
  }
  const bare = stringValues(schema.enumValues);
  if (bare) {
    return bare.map((name) => ({ name, style: 'bare', schema: branch, pointer }));
  }
  const tag = schema.properties?.type;
  const tagged =
    tag === undefined ? undefined : stringValues(normalizeSchema(root, tag).enumValues);
  if (tagged) {
    return tagged.map((name) => ({ name, style: 'tagged', schema: branch, pointer }));
  }
  return [{ name: `(unnamed at ${pointer})`, style: 'unnamed', schema: branch, pointer }];
}

function variantsOfSchema(
  root: unknown,
  schema: unknown,
  pointer: string,
  depth: number,
): UnionVariant[] {
  const normalized = normalizeSchema(root, schema);
  if (!normalized.branches) {
    return variantsOfBranch(root, schema, pointer, MAX_UNION_DEPTH);
  }
  const keyword = escapePointerToken(normalized.branchKeyword ?? 'oneOf');
  return normalized.branches.flatMap((branch, index) =>
    variantsOfBranch(root, branch, `${pointer}/${keyword}/${index}`, depth),
  );
}

/**
 * Lists the variants of an error union (the schema of a method's `default` response), keyed by
 * name. An alternative that names no variant is listed as unnamed, under its pointer.
 */
export function listUnionVariants(
  root: unknown,
  schema: unknown,
  pointer: string,
): Map<string, UnionVariant> {
  const variants = new Map<string, UnionVariant>();
  if (schema === undefined) {
    return variants;
  }
  for (const variant of variantsOfSchema(root, schema, pointer, 0)) {
    if (!variants.has(variant.name)) {
      variants.set(variant.name, variant);
    }
  }
  return variants;
}

/** Copies a tagged variant's schema without its `type` tag, which matching already paired. */
function withoutTag(root: unknown, schema: unknown): unknown {
  const resolved = followReferences(root, schema);
  if (!isJsonObject(resolved) || !isJsonObject(resolved.properties)) {
    return resolved;
  }
  const { type: _tag, ...properties } = resolved.properties;
  const required = Array.isArray(resolved.required)
    ? resolved.required.filter((name) => name !== 'type')
    : [];
  return { ...resolved, properties, required };
}

/**
 * Compares two error unions. Under a dated version the union of a method is fixed, so a variant
 * added or removed is breaking, and so is a variant that changes between tagged and bare. The
 * remaining fields of tagged variants present on both sides are compared as response schemas.
 */
export function compareErrorUnions(
  comparison: SchemaComparison,
  pinnedSchema: unknown,
  liveSchema: unknown,
  pointers: { pinned: string; live: string },
): void {
  const pinned = listUnionVariants(comparison.pinnedRoot, pinnedSchema, pointers.pinned);
  const live = listUnionVariants(comparison.liveRoot, liveSchema, pointers.live);
  const add = (change: string, pointer: string, message: string, values: object): void => {
    comparison.differences.push({
      kind: 'breaking',
      change,
      method: comparison.method,
      side: 'error',
      pointer,
      message,
      ...values,
    });
  };

  for (const [name, variant] of pinned) {
    const counterpart = live.get(name);
    if (!counterpart) {
      add('error-variant-removed', variant.pointer, `error variant ${name} removed`, {
        pinned: name,
      });
    } else if (counterpart.style !== variant.style) {
      const message = `error variant ${name} changed from ${variant.style} to ${counterpart.style}`;
      add('error-style-changed', variant.pointer, message, {
        pinned: variant.style,
        live: counterpart.style,
      });
    } else if (variant.style === 'tagged') {
      const where = { pinned: variant.pointer, live: counterpart.pointer };
      const pinnedFields = withoutTag(comparison.pinnedRoot, variant.schema);
      compareSchemas(
        comparison,
        pinnedFields,
        withoutTag(comparison.liveRoot, counterpart.schema),
        where,
      );
    }
  }
  for (const [name, variant] of live) {
    if (!pinned.has(name)) {
      add('error-variant-added', variant.pointer, `error variant ${name} added`, { live: name });
    }
  }
}
