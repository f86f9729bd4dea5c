/* Visual regression of every story in the light theme (see everyStory.tsx), and no baseline left over. */
import { checkNoStaleBaselines, screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('light');
checkNoStaleBaselines();
