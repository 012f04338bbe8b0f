import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes one report file into `directory` (created when missing) after passing the text through
 * `redact`, and returns the file's path.
 */
export async function writeReport(
  directory: string,
  fileName: string,
  text: string,
  redact: (text: string) => string,
): Promise<string> {
  await mkdir(directory, { recursive: true });
  const path = join(directory, fileName);
  await writeFile(path, redact(text), 'utf8');
  return path;
}
