/* Visual regression of every story in the light theme, first of two shards (see everyStory.tsx), and no baseline left over. */
import { checkNoStaleBaselines, screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('light', 0, 2);
checkNoStaleBaselines();
