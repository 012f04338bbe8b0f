import { PassThrough } from 'node:stream';
import { type Dispatcher, util } from 'undici';
import type { DeadlineQueue } from './deadlines.js';
import { type BodyRead, needsDecoding, readBody } from './read-body.js';

/** The raw result of one request, before the body is decoded and the errors classified. */
export interface PoolOutcome {
  /** Status and headers, when the response headers arrived. */
  head?: { status: number; headers: Record<string, string> };
  /** The body as read, when the headers arrived. */
  body?: BodyRead;
  /** The error that ended the exchange before any response headers arrived. */
  error?: unknown;
}

/** One request to send on the pool. */
export interface PoolRequest {
  path: string;
  verb: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/**
 * Creates the error an exchange ends with once the total deadline passes. It is the reason that
 * `AbortSignal.timeout` gives, so the same classification applies.
 */
function deadlineError(): Error {
  return new DOMException('The operation was aborted due to timeout', 'TimeoutError');
}

/**
 * Sends one request through `pool.dispatch` and reads the response into memory, at most
 * `maxBytes` decoded bytes of body. It takes undici's chunks as they come, with no response stream
 * unless the body has a `content-encoding` to undo, which `readBody` then decodes. The deadline
 * from `deadlines` aborts the exchange, wherever it is, at the end of the total time. Never
 * rejects: every failure comes back in the outcome.
 */
export function exchangeOnPool(
  pool: Dispatcher,
  request: PoolRequest,
  maxBytes: number,
  deadlines: DeadlineQueue,
): Promise<PoolOutcome> {
  return new Promise((resolve) => {
    const handler = new ExchangeHandler(maxBytes, resolve);
    handler.watch(deadlines);
    pool.dispatch(
      {
        path: request.path,
        method: request.verb,
        headers: request.headers,
        body: request.body ?? null,
      },
      handler,
    );
  });
}

/** The legacy undici handler interface, the one undici's core calls without a wrapper. */
class ExchangeHandler implements Dispatcher.DispatchHandler {
  readonly #maxBytes: number;
  readonly #resolve: (outcome: PoolOutcome) => void;
  #abort: ((reason?: Error) => void) | undefined;
  /** The reason the exchange must end, set before undici handed out its abort function. */
  #reason: Error | undefined;
  #deadline: { clear(): void } | undefined;
  #head: PoolOutcome['head'];
  #settled = false;

  // Identity bodies are read here, chunk by chunk.
  readonly #chunks: Buffer[] = [];
  #bytesRead = 0;
  #keptBytes = 0;
  #tooLarge = false;

  // Encoded bodies go through a stream into `readBody`.
  #encoded: PassThrough | undefined;
  #resume: (() => void) | undefined;

  constructor(maxBytes: number, resolve: (outcome: PoolOutcome) => void) {
    this.#maxBytes = maxBytes;
    this.#resolve = resolve;
  }

  watch(deadlines: DeadlineQueue): void {
    this.#deadline = deadlines.add(() => this.#end(deadlineError()));
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#reason !== undefined) {
      abort(this.#reason);
      return;
    }
    this.#abort = abort;
  }

  onHeaders(
    statusCode: number,
    rawHeaders: Buffer[] | string[] | null,
    resume: () => void,
  ): boolean {
    // An informational 1xx response is followed by the real one.
    if (statusCode < 200) {
      return true;
    }
    const headers = flattenHeaders(util.parseHeaders(rawHeaders ?? []));
    this.#head = { status: statusCode, headers };
    const encoding = headers['content-encoding'];
    if (needsDecoding(encoding)) {
      this.#resume = resume;
      this.#startDecoding(encoding);
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#encoded !== undefined) {
      return this.#encoded.write(chunk);
    }
    if (this.#tooLarge) {
      return true;
    }
    this.#bytesRead += chunk.length;
    if (this.#bytesRead > this.#maxBytes) {
      this.#chunks.push(chunk.subarray(0, this.#maxBytes - this.#keptBytes));
      this.#tooLarge = true;
      this.#finish({
        bytes: joinChunks(this.#chunks),
        bytesRead: this.#bytesRead,
        tooLarge: true,
      });
      // Reading stops here: the rest of the body is not wanted, so the socket is closed.
      queueMicrotask(() => this.#abort?.());
      return true;
    }
    this.#chunks.push(chunk);
    this.#keptBytes += chunk.length;
    return true;
  }

  onComplete(): void {
    if (this.#encoded !== undefined) {
      this.#encoded.end();
      return;
    }
    this.#finish({
      bytes: joinChunks(this.#chunks),
      bytesRead: this.#bytesRead,
      tooLarge: false,
    });
  }

  onError(error: Error): void {
    if (this.#encoded !== undefined) {
      this.#encoded.destroy(error);
      return;
    }
    if (this.#head === undefined) {
      this.#settle({ error });
      return;
    }
    const bytes = joinChunks(this.#chunks);
    this.#finish({ bytes, bytesRead: this.#bytesRead, tooLarge: false, error });
  }

  /** Ends the exchange for `reason`, now or as soon as undici hands out its abort function. */
  #end(reason: Error): void {
    if (this.#abort === undefined) {
      this.#reason = reason;
      return;
    }
    this.#abort(reason);
  }

  #startDecoding(encoding: string | undefined): void {
    const encoded = new PassThrough();
    encoded.on('drain', () => this.#resume?.());
    this.#encoded = encoded;
    void readBody(encoded, encoding, this.#maxBytes).then((body) => {
      this.#finish(body);
      // `readBody` stopped early (the cap, a bad encoding): the rest of the body is not wanted.
      queueMicrotask(() => this.#abort?.());
    });
  }

  #finish(body: BodyRead): void {
    this.#settle(this.#head === undefined ? { body } : { head: this.#head, body });
  }

  #settle(outcome: PoolOutcome): void {
    if (this.#settled) {
      return;
    }
    this.#settled = true;
    this.#deadline?.clear();
    this.#resolve(outcome);
  }
}

/** Joins the chunks of a body, without a copy when there is only one. */
function joinChunks(chunks: Buffer[]): Buffer {
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

/** Lower-cases header names and joins repeated headers with `, `. */
function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
