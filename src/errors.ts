/**
 * An error caused by the user's input (a file, a column, an option), not by povrisk.
 * Entry points print its message as one line and exit non-zero, without a stack trace.
 * @example throw new UserError(messages.unknownColumn('data.csv', 'wage', ['age']));
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * True when an error is a UserError (also across module copies).
 * @example if (isUserError(e)) console.error(e.message);
 */
export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === 'UserError';
}
