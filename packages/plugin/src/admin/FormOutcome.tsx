/** What became of a form's last submit: a refusal of the whole form, or what was done. */
export function FormOutcome({ problem, done }: { problem: string | undefined; done: string | null | undefined }) {
  return (
    <>
      {problem ? (
        <p role="alert" className="efs-app__alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="efs-app__muted">
          {done}
        </p>
      ) : null}
    </>
  );
}
