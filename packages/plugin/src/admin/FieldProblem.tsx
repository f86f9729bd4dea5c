/**
 * The sentence that says what is wrong with one field, shown right under it; the field points at it with
 * `aria-describedby` and `aria-invalid` ({@link problemProps}).
 */
export function FieldProblem({ id, problem }: { id: string; problem: string | undefined }) {
  return problem ? (
    <span id={id} className="efs-app__problem">
      {problem}
    </span>
  ) : null;
}

/** The attributes that tie a field to its {@link FieldProblem}. */
export function problemProps(id: string, problem: string | undefined) {
  return problem ? { 'aria-invalid': true, 'aria-describedby': id } : {};
}

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
