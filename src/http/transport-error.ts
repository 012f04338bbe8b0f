import type { Timeouts } from '../config/options.js';
import type { TransportError, TransportErrorCode } from './types.js';

const CODES: Record<string, TransportErrorCode> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'headers-timeout',
  UND_ERR_BODY_TIMEOUT: 'body-timeout',
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  UND_ERR_SOCKET: 'connection-reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'invalid-response',
  UND_ERR_HEADERS_OVERFLOW: 'invalid-response',
  UND_ERR_INFO: 'invalid-response',
  UND_ERR_ABORTED: 'aborted',
  ABORT_ERR: 'aborted',
};

/**
 * Turns an error thrown while sending a request or reading its response into a transport error
 * record with a one-line message. Returns undefined for an error that carries no code, such as a
 * TypeError from the harness's own code, so the caller can rethrow it as a programming error.
 */
export function toTransportError(error: unknown, timeouts: Timeouts): TransportError | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'TimeoutError') {
    return { code: 'total-timeout', message: `exchange not done within ${timeouts.totalMs} ms` };
  }
  if (error.name === 'AbortError') return { code: 'aborted', message: oneLine(error.message) };
  // llhttp leaves the code unset for some parse errors, such as a bad status line.
  if (error.name === 'HTTPParserError') {
    return { code: 'invalid-response', message: oneLine(error.message) };
  }

  const code = errorCode(error);
  if (code === undefined) return undefined;
  return { code: classify(code), message: describe(code, error, timeouts) };
}

function errorCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function classify(code: string): TransportErrorCode {
  const known = CODES[code];
  if (known) return known;

  // llhttp parse errors (bad status line, bad header, bad chunk) and zlib errors on a body
  // that claims an encoding it does not have.
  if (code.startsWith('HPE_') || code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
    return 'invalid-response';
  }
  return 'connection-failed';
}

function describe(code: string, error: Error, timeouts: Timeouts): string {
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return `connection not opened within ${timeouts.connectMs} ms`;
    case 'UND_ERR_HEADERS_TIMEOUT':
      return `no response headers within ${timeouts.headersMs} ms`;
    case 'UND_ERR_BODY_TIMEOUT':
      return `no body data for ${timeouts.bodyMs} ms`;
    default:
      return `${oneLine(error.message)} (${code})`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
