/* Visual regression of every story in the dark theme, second of two shards (see everyStory.tsx). */
import { screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('dark', 1, 2);
