/**
 * A person as the admin pages show them: the display name the platform gives (the user id in its
 * title), or the id, labelled as one, when the platform does not know the person.
 */
export function PersonName({ id, name }: { id: string; name: string | null }) {
  if (name) return <span title={`User id: ${id}`}>{name}</span>;
  return (
    <span>
      <span className="efs-app__muted">User id:</span> {id}
    </span>
  );
}
