/**
 * A person as every page shows them (who saved, deployed, asked or decided): the display name the
 * server gives (the user id in its title), or the id, labelled as one, when there is no name.
 */
export function PersonName({ id, name }: { id: string; name: string | null }) {
  if (name) return <span title={`User id: ${id}`}>{name}</span>;
  return (
    <span>
      <span className="efs-app__muted">User id:</span> {id}
    </span>
  );
}
