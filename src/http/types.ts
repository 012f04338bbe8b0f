/** A request as sent, kept so it can be judged, reported and rendered as a curl line. */
export interface ExchangeRequest {
  /** Wire method name, such as `repairer.jobs.get`. */
  method: string;
  url: string;
  /** HTTP verb; the contract uses POST only, the probes send others. */
  verb: string;
  headers: Record<string, string>;
  /** Raw body as sent; undefined sends no body. */
  body: string | undefined;
}

export interface ExchangeResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** Body text as received, cut at the body cap. */
  bodyText: string;
  /** Parsed JSON body; absent when the body is empty or not JSON. */
  json?: unknown;
  /** Reason the body did not parse as JSON, when it did not. */
  jsonError?: string;
  /**
   * Body bytes read, after any `content-encoding` was undone. When the body was cut at the cap,
   * reading stopped there, so this is the cap plus at most one chunk, not the full length.
   */
  bodyBytes: number;
  /**
   * JSON pointers of object members whose key appears twice in the same object, such as `/a` or
   * `/items/0/id`. Absent when the body is not JSON or has no duplicate keys. `JSON.parse` keeps
   * only the last value, so `json` alone hides them.
   */
  duplicateKeys?: string[];
}

/** Reason no complete response came back. */
export type TransportErrorCode =
  | 'connect-timeout'
  | 'headers-timeout'
  | 'body-timeout'
  | 'connection-reset'
  | 'connection-refused'
  | 'body-too-large'
  | 'invalid-response'
  | 'aborted'
  /** The whole exchange, body included, took longer than the total deadline. */
  | 'total-timeout'
  /** The connection failed for another reason, such as a DNS or TLS failure. */
  | 'connection-failed'
  /** The request budget was spent, so the request was not sent. */
  | 'budget-exhausted';

export interface TransportError {
  code: TransportErrorCode;
  message: string;
}

/** A request with its response, or with the transport error that stopped it. */
export interface Exchange {
  id: string;
  request: ExchangeRequest;
  response?: ExchangeResponse;
  error?: TransportError;
  startedAt: string;
  durationMs: number;
  /** 429 responses that were waited for and retried before this exchange; absent when none. */
  retries?: number;
}
