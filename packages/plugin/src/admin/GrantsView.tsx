import './admin.css';
import { Badge, Button, EmptyState, Table, type TableColumn } from '@event-flows/editor';
import type { Grant } from '@event-flows/model';
import { useId } from 'react';
import { GrantForm, type GrantFormProps } from './GrantForm.tsx';
import { LoadState, PageProblem } from './LoadState.tsx';
import type { Loaded } from './loaded.ts';

/** Props of {@link GrantsView}. */
export interface GrantsViewProps {
  grants: Loaded<readonly Grant[]>;
  /** Connection display names by id. */
  connectionNames: ReadonlyMap<string, string>;
  /** Why the last revoke was refused, if it was. */
  revokeProblem: string | null;
  onRevoke: (grant: Grant) => void;
  /** The add form's lists and its add action. */
  form: GrantFormProps;
}

const grantKey = (g: Grant) => `${g.algorithm} ${g.access} ${g.connection}/${g.topic}`;

function columns(connectionNames: ReadonlyMap<string, string>, onRevoke: (grant: Grant) => void): TableColumn<Grant>[] {
  return [
    { key: 'algorithm', rowHeader: true, header: 'Algorithm', cell: (g) => g.algorithm },
    { key: 'access', header: 'Access', cell: (g) => <Badge tone={g.access}>{g.access}</Badge> },
    {
      key: 'topic',
      header: 'Topic',
      cell: (g) => (
        <>
          {g.topic} <span className="efs-app__muted">on {connectionNames.get(g.connection) ?? g.connection}</span>
        </>
      ),
    },
    {
      key: 'revoke',
      header: <span className="efs-visually-hidden">Revoke</span>,
      cell: (g) => (
        <Button size="small" variant="danger" aria-label={`Revoke ${g.algorithm} ${g.access} ${g.topic}`} onClick={() => onRevoke(g)}>
          Revoke
        </Button>
      ),
    },
  ];
}

/** The grants page as a person sees it: which algorithm may subscribe or publish to which topic, revoke, and the add form. */
export function GrantsView({ grants, connectionNames, revokeProblem, onRevoke, form }: GrantsViewProps) {
  const id = useId();
  return (
    <section className="efs-app__page" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>Grants</h1>
      <p className="efs-app__intro">Only granted access can be enabled: a member&apos;s flow may subscribe or publish to a topic once its algorithm has a grant for it.</p>
      {revokeProblem ? <PageProblem>{revokeProblem}</PageProblem> : null}
      <LoadState loaded={grants} waiting="Loading the grants…" />
      {grants.state === 'ready' && grants.data.length === 0 ? <EmptyState title="No grants yet">Grant a published algorithm access to a topic with the form below.</EmptyState> : null}
      {grants.state === 'ready' && grants.data.length > 0 ? (
        <Table
          className="efs-app__admin-table"
          caption={<span className="efs-visually-hidden">Grants</span>}
          columns={columns(connectionNames, onRevoke)}
          rows={grants.data}
          rowKey={grantKey}
        />
      ) : null}
      <div className="efs-app__form-panel">
        <GrantForm {...form} />
      </div>
    </section>
  );
}
