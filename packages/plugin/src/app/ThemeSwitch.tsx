import './themeSwitch.css';
import { useId } from 'react';
import type { ThemeChoice } from './useThemeChoice.ts';

const choices: { value: ThemeChoice; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** The studio header's theme switch: light, dark or the system's. */
export function ThemeSwitch({ choice, onChoose }: { choice: ThemeChoice; onChoose: (choice: ThemeChoice) => void }) {
  const id = useId();
  return (
    <span className="efs-app__theme">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={choice} onChange={(e) => onChoose(e.target.value as ThemeChoice)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </span>
  );
}
