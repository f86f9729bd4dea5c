/* Visual regression of every story in the dark theme (see everyStory.tsx). */
import { screenshotEveryStory } from './everyStory.tsx';

screenshotEveryStory('dark');
