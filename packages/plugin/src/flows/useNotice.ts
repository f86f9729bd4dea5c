import { useCallback, useEffect, useState, type ReactNode } from 'react';

/** How long a notice that reports a success stays up. */
export const noticeMs = 6_000;

/** A notice: its text, and the state it describes (it is shown only while that state is current). */
interface Notice {
  /** Words, or words with a person in them (see `PersonName`). */
  text: ReactNode;
  about: unknown;
  /** An error stays until the state changes; a success also goes after {@link noticeMs}. */
  tone: 'success' | 'error';
}

/** What {@link useNotice} offers. */
export interface NoticeState {
  /** The notice to show, or `null`. */
  text: ReactNode;
  tone: Notice['tone'] | null;
  /** Shows `text` about the state `about` (for example the graph it was written of). */
  show(text: ReactNode, about: unknown, tone?: Notice['tone']): void;
}

/**
 * A notice such as "Saved revision 4." that never describes an older state: it disappears as soon as
 * `current` is no longer the state it was shown about (the next edit, another revision loaded), and a
 * success notice also after a few seconds.
 */
export function useNotice(current: unknown): NoticeState {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    if (!notice || notice.tone !== 'success') return undefined;
    const timer = setTimeout(() => setNotice((shown) => (shown === notice ? null : shown)), noticeMs);
    return () => clearTimeout(timer);
  }, [notice]);
  const show = useCallback((text: ReactNode, about: unknown, tone: Notice['tone'] = 'success') => setNotice({ text, about, tone }), []);
  const shown = notice && notice.about === current ? notice : null;
  return { text: shown?.text ?? null, tone: shown?.tone ?? null, show };
}
