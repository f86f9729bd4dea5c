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
