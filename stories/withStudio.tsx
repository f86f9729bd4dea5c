import '../packages/plugin/src/app/studio.css';
import type { Decorator } from '@storybook/react-vite';
import { storyTheme } from './storyTheme.ts';

/**
 * Renders a studio screen's component inside the studio's own frame (`.efs-app`), themed by the
 * toolbar's switch or the story's `globals.theme`, as it sits in the studio.
 */
export const withStudio: Decorator = (Story, { globals }) => (
  <div className="efs-app" data-theme={storyTheme(globals)} style={{ padding: 16, minHeight: '100vh' }}>
    <Story />
  </div>
);
