/** Output stream for console lines and workflow commands, such as `process.stdout` or a test stub. */
export interface ReporterStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Options shared by every reporter; each one has a default suited to a real run. */
export interface ReporterOptions {
  /** Stream for console lines and workflow commands. Default: `process.stdout`. */
  stream?: ReporterStream;
  /** Environment read for colour and GitHub Actions. Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * Replaces registered secrets in a text with their `$PARTLY_...` references. Every reporter
   * applies it to each string of the result and to the final text of each file and line.
   * @example redact: (text) => redactor.redactText(text)
   */
  redact?: (text: string) => string;
  /** Clock for progress throttling and the certificate's issue time. Default: `new Date()`. */
  now?: () => Date;
}

/** Reporter options with every default applied. */
export interface ResolvedReporterOptions {
  stream: ReporterStream;
  env: Record<string, string | undefined>;
  redact: (text: string) => string;
  now: () => Date;
}
