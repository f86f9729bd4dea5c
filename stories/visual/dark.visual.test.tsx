/* Visual regression of every story in the dark theme, first of two shards (see everyStory.tsx). */
import { screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('dark', 0, 2);
