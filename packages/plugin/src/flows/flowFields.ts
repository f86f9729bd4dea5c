import { limits, Name } from '@event-flows/model';

/**
 * What is wrong with a flow name, as a sentence, or `null` when the model's `Name` takes it. The
 * limits are the model's; the sentence says the length when it is too long.
 */
export function flowNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return 'Give the flow a name.';
  // Counted as the model's schema counts (UTF-16 units), so the sentence and the refusal agree.
  if (trimmed.length > limits.name) return `A flow name may have at most ${limits.name} characters; this one has ${trimmed.length}.`;
  const parsed = Name.safeParse(trimmed);
  if (parsed.success) return null;
  const reason = parsed.error.issues[0]?.message ?? 'it is not a valid name';
  return `This name cannot be used: ${reason}.`;
}

/** What is wrong with a flow description, as a sentence, or `null`. */
export function descriptionProblem(description: string): string | null {
  return description.length > limits.text ? `A description may have at most ${limits.text} characters; this one has ${description.length}.` : null;
}
