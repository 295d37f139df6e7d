import { messages } from './messages.js';

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

/**
 * A bad option value given to a library function. The message names the option as the library
 * knows it (`invalid tau: '1.5' (must lie in (0, 1))`); the command line says the same with its
 * flag (`invalid --tau: …`), the API with its field. `option` is the options-object key.
 * @example throw new OptionError('tau', '1.5', 'must lie in (0, 1)');
 */
export class OptionError extends UserError {
  constructor(
    readonly option: string,
    readonly value: string,
    readonly expected: string,
  ) {
    super(messages.badOption(option, value, expected));
  }
}

/**
 * True when an error is an OptionError (also across module copies).
 * @example if (isOptionError(e)) console.error(messages.badOption(flagOf(e.option), e.value, e.expected));
 */
export function isOptionError(e: unknown): e is OptionError {
  return isUserError(e) && typeof (e as Partial<OptionError>).option === 'string';
}
