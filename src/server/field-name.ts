import { isOptionError } from '../errors.js';

/**
 * The request field of a library option: the API's JSON says snake_case (`noticeEnd` →
 * `notice_end`, `foundBy` → `found_by`), as the command line says flags (`flagOf`).
 * @example fieldOf('noticeEnd') // 'notice_end'
 */
export function fieldOf(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * What the API says for a user's error: an OptionError names the request's fields (`fieldOf`),
 * any other error keeps its message.
 * @example userMessage(optionError.bad('foundBy', 'x', 'one of …')) // "invalid found_by: 'x' (one of …)"
 */
export function userMessage(e: Error): string {
  return isOptionError(e) ? e.render(fieldOf) : e.message;
}
