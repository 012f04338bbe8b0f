import picocolors from 'picocolors';

/** The colour functions of picocolors; each is the identity when colour is off. */
export type Colours = ReturnType<typeof picocolors.createColors>;

/** Output stream properties that colour detection reads. */
export interface ColourTarget {
  isTTY?: boolean;
}

/**
 * Decides whether output to `stream` gets colour. `NO_COLOR` (any non-empty value) turns it off,
 * `FORCE_COLOR` (any value but `0` or `false`) turns it on, and otherwise colour needs a TTY that
 * is not `TERM=dumb`, outside CI.
 */
export function isColourEnabled(
  stream: ColourTarget,
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') {
    return false;
  }
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    return force !== '0' && force !== 'false';
  }
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') {
    return false;
  }
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** Creates the colour functions for `stream`, plain when colour is off. */
export function createColours(
  stream: ColourTarget,
  env: Record<string, string | undefined>,
): Colours {
  return picocolors.createColors(isColourEnabled(stream, env));
}
