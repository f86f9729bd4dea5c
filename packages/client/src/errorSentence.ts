import { TRPCClientError } from '@trpc/client';

/** One problem of a refused input: the field it is about (its path, e.g. `topic` or `nodes.3.name`) and a sentence. */
export interface FieldProblem {
  field: string;
  sentence: string;
}

/** What the server's error formatter adds for input the schemas refused (server/src/api/trpc.ts). */
interface ServerIssue {
  path: string;
  message: string;
}

/**
 * A sentence a person can read for any failed call: the server's own sentence, the problems of a
 * refused input in plain words, or what an HTTP refusal means. Never an issue array, an object dump
 * or a regular expression.
 */
export function errorSentence(error: unknown): string {
  const problems = fieldProblems(error);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map((p) => p.sentence);
    const more = problems.length - shown.length;
    return more > 0 ? `${shown.join(' ')} And ${more} more problem${more === 1 ? '' : 's'}.` : shown.join(' ');
  }
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) {
    return 'The server could not be reached. Check the connection and try again.';
  }
  if (error instanceof Error) return readable(error.message);
  if (typeof error === 'string') return readable(error);
  return 'Something went wrong.';
}

/**
 * The problems of a refused input, one per field, each as a sentence that names the field. Empty
 * when the error is not about the input's shape (a conflict, a missing grant, an outage).
 */
export function fieldProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof TRPCClientError)) return [];
  const issues = (error.data as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(isServerIssue).map((issue) => ({ field: issue.path, sentence: issueSentence(issue) }));
}

/** The sentence about `field` in `error`, if the input refused has a problem there or below it. */
export function fieldSentence(error: unknown, field: string): string | undefined {
  return fieldProblems(error).find((p) => p.field === field || p.field.startsWith(`${field}.`))?.sentence;
}

function isServerIssue(value: unknown): value is ServerIssue {
  return typeof value === 'object' && value !== null && typeof (value as ServerIssue).path === 'string' && typeof (value as ServerIssue).message === 'string';
}

/** "bootstrapServers.0" → "Bootstrap servers": the last named part of a path, in words. */
export function fieldLabel(path: string): string {
  const named = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part)).at(-1);
  if (!named) return 'The value';
  const words = named.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * zod's default messages in plain words ("Too big: expected string to have <=200 characters" →
 * "Name may have at most 200 characters."); the schemas' own messages are sentences already.
 */
function issueSentence({ path, message }: ServerIssue): string {
  const label = fieldLabel(path);
  const size = /^Too (big|small): expected (\w+) to (?:have|be) ([<>]=?)(-?[\d.e+]+)(?: (\w+))?/.exec(message);
  if (size) {
    const [, direction, kind, comparison, bound, unit] = size;
    const limit = Number(bound).toLocaleString('en');
    const things = unit ?? (kind === 'array' ? 'items' : '');
    if (kind === 'number' || kind === 'int' || kind === 'bigint') {
      if (direction === 'big') return `${label} may be at most ${limit}.`;
      return comparison === '>' ? `${label} must be more than ${limit}.` : `${label} must be at least ${limit}.`;
    }
    if (direction === 'small' && Number(bound) === 1) return `${label} may not be empty.`;
    return direction === 'big' ? `${label} may have at most ${limit} ${things}.` : `${label} must have at least ${limit} ${things}.`;
  }
  if (/must match pattern|^Invalid string/i.test(message)) return `${label} has characters that are not allowed.`;
  if (/expected int, received number|expected an integer/i.test(message)) return `${label} must be a whole number.`;
  if (/^Invalid input: expected (\w+), received undefined/.test(message)) return `${label} is missing.`;
  if (/^Invalid input/.test(message)) return `${label} is not valid.`;
  if (/^Unrecognized key/.test(message)) return 'The request has a field the server does not know.';
  // The schemas' own messages are clauses ("a topic name uses only letters, …"): made a sentence,
  // prefixed with the field unless they name it already.
  const own = asSentence(readable(message));
  return path === '' || own.toLowerCase().includes(label.toLowerCase()) ? own : `${label}: ${own}`;
}

/** `text` with a capital first letter and a full stop at the end. */
function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** `text`, unless it carries JSON or a pattern a person cannot read; then a plain fallback. */
function readable(text: string): string {
  if (/\[\{|\{"|"code"|\/\^/.test(text)) return 'The server refused the request.';
  return text;
}
