import { Controls, Description, DocsContext, DocsStory, Heading, Subtitle, Title } from '@storybook/addon-docs/blocks';
import { Fragment, useContext } from 'react';

type DocsStories = ReturnType<React.ContextType<typeof DocsContext>['componentStories']>;

/** The stories an autodocs page shows, picked as Storybook's own Stories block picks them. */
function useDocsStories(): DocsStories {
  const stories = useContext(DocsContext).componentStories();
  if (!stories.some((story) => story.tags?.includes('autodocs'))) return stories;
  return stories.filter((story) => story.tags?.includes('autodocs') && !story.usesMount);
}

/**
 * A component's docs page (autodocs): its title and description, then every story once under a
 * heading of its own, the first one with the controls.
 *
 * Storybook's default page shows the first story twice (at the top, then again under "Stories"), so
 * its landmarks are on the page twice; and it puts that first story straight under the page's title
 * and the others under level-3 headings, so a component whose own headings start at level 1 or 3
 * (a page, the palette) breaks the heading order. Here each story sits under a level-2 heading: a
 * story's headings may start at any level below it, and the next story's heading steps back up.
 */
export function ComponentDocsPage() {
  const [primary, ...others] = useDocsStories();
  return (
    <>
      <Title />
      <Subtitle />
      <Description of="meta" />
      {primary && (
        <>
          <Heading>{primary.name}</Heading>
          <Description of={primary.moduleExport} />
          <DocsStory of={primary.moduleExport} expanded={false} withToolbar __primary />
          <Controls />
        </>
      )}
      {others.map((story) => (
        <Fragment key={story.id}>
          <Heading>{story.name}</Heading>
          <Description of={story.moduleExport} />
          <DocsStory of={story.moduleExport} expanded={false} __forceInitialArgs />
        </Fragment>
      ))}
    </>
  );
}
