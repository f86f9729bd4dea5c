/**
 * A node's small first line (its kind and where it lives): cut with an ellipsis where the node is too
 * narrow, the whole text in its tooltip.
 */
export function KindLine({ text }: { text: string }) {
  return (
    <div className="efs-node__kind" title={text}>
      <span>{text}</span>
    </div>
  );
}
