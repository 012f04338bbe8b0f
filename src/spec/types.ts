import type { AnySchema } from 'ajv';

/** Who may call a method: one role, any authenticated integration, or nobody needs a credential. */
export type Role = 'repairer' | 'supplier' | 'any' | 'none';

/** How a method renders its errors: `{"type": "<variant>"}` or the bare JSON string `"<variant>"`. */
export type ErrorStyle = 'tagged' | 'bare-string';

/** Where a fact of the contract comes from; a break of an inferred fact is a warning. */
export type Provenance = 'seed' | 'docs' | 'inferred';

export interface ErrorVariant {
  name: string;
  status: number;
  /** The HTTP status of this variant is a guess, so a different 4xx is a warning. */
  statusInferred: boolean;
  /** Membership of this variant in the method's union is a guess (the extension unions). */
  membershipInferred: boolean;
}

/** One Ajv error record, kept as data: a failed validation never throws. */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  message: string;
  params: Record<string, unknown>;
}

/** A validation split by provenance: what breaks published facts, and what breaks only guesses. */
export interface SchemaValidation {
  /** Breaks of facts published by the API (seed or docs): failures. */
  failures: SchemaIssue[];
  /** Breaks of inferred facts only: warnings unless the run is strict. */
  warnings: SchemaIssue[];
}

/** Everything the spec states about one method, as the harness reads it. */
export interface MethodEntry {
  /** Wire name, such as `repairer.jobs.get`. */
  name: string;
  /** Path of the spec's operation, such as `/api/2026-01/repairer.jobs.get`. */
  path: string;
  operationId: string;
  role: Role;
  /** The role is a guess (businesses.list, uploads.prepare), so a rejection and a 200 both pass. */
  roleInferred: boolean;
  /** One of the three proposed extension methods, which are not in the live `/openapi.json`. */
  extension: boolean;
  /** Changes state on the target; a certification run sends it nothing unless allowed. */
  mutates: boolean;
  errorStyle: ErrorStyle;
  variants: ErrorVariant[];
  /** Dereferenced request body schema. */
  requestSchema: AnySchema;
  /** Dereferenced 200 response schema. */
  responseSchema: AnySchema;
  /** Request examples from the spec, each valid against `requestSchema`. */
  examples: unknown[];
  /** `failures` empty and `warnings` not: the request breaks only inferred constraints. */
  validateRequest(value: unknown): SchemaValidation;
  validateResponse(value: unknown): SchemaValidation;
  /** Validates an error body against the method's union, with no regard to status. */
  validateError(value: unknown): SchemaIssue[];
}

export interface Catalogue {
  /** The `info.version` of the pinned spec, such as `2026-01`. */
  version: string;
  /** SHA-256 of the spec documents as loaded, hex. */
  specHash: string;
  /** Where the documents came from (file paths or URLs). */
  sources: string[];
  methods: MethodEntry[];
  byName: ReadonlyMap<string, MethodEntry>;
}
