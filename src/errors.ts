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
 * A change refused because another user is changing the same thing at this moment (the
 * dashboard answers 409). Still a UserError: one line, no stack trace.
 * @example throw new ConflictError(messages.caseBusy('H00001'));
 */
export class ConflictError extends UserError {
  readonly statusCode = 409;
}

/** How an option is said: its name in the library, its flag on the command line. */
export type OptionName = (option: string) => string;

/**
 * A bad, missing or conflicting option given to a library function. The message names options
 * as the library knows them (`invalid taus: '1.5' (must lie in (0, 1))`); `render` says the same
 * with other names, so the command line can use its flags (`invalid --tau: …`).
 * @example throw optionError.bad('taus', '1.5', 'must lie in (0, 1)');
 */
export class OptionError extends UserError {
  constructor(readonly render: (name: OptionName) => string) {
    super(render((option) => option));
  }
}

/**
 * The option errors of the library, one small function each (messages from `messages.ts`).
 * @example throw optionError.conflict('line', 'usdPerDay');
 */
export const optionError = Object.freeze({
  bad: (option: string, value: string, expected: string) =>
    new OptionError((name) => messages.badOption(name(option), value, expected)),
  missing: (option: string, hint = '') =>
    new OptionError((name) => messages.missingOption(`${name(option)}${hint}`)),
  conflict: (a: string, b: string) =>
    new OptionError((name) => messages.conflictingOptions(name(a), name(b))),
  missingLine: () =>
    new OptionError((name) =>
      messages.missingOption(`${name('line')} Z (or ${name('usdPerDay')} X ${name('ppp')} F)`),
    ),
});

/**
 * True when an error is an OptionError (also across module copies).
 * @example if (isOptionError(e)) console.error(e.render(flagOf));
 */
export function isOptionError(e: unknown): e is OptionError {
  return isUserError(e) && typeof (e as Partial<OptionError>).render === 'function';
}
