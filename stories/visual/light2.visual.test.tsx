/* Visual regression of every story in the light theme, second of two shards (see everyStory.tsx). */
import { screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('light', 1, 2);
