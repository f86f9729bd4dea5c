import { countOf, fewestOnCreate, limits, mostOnCreate, newTopicSettings, retentionConfig, type TopicNode } from '@event-flows/model';
import { useId } from 'react';
import { GuardrailsHint } from '../palette/index.ts';
import { useEditorActions, useEditorStore } from '../store/index.ts';
import { NumberField, SelectField, TextField } from './fields.tsx';
import { Button } from '../ui/Button.tsx';

const hourMs = 3_600_000;

/** The settings of one topic node: connection, name, and how to create it when it does not exist. */
export function TopicInspector({ node }: { node: TopicNode }) {
  const actions = useEditorActions();
  const connections = useEditorStore((s) => s.catalog.connections);
  const connection = connections.find((c) => c.id === node.connection);
  // A member's fields stop at the member limits; validation says so for anything beyond them.
  const member = useEditorStore((s) => s.actor.role !== 'admin');
  const most = mostOnCreate(connection, { member });
  const fewest = fewestOnCreate(connection, { member });
  const listed = connection?.topics.find((t) => t.name === node.topic);
  // On a known connection that does not list the topic, deploy creates it.
  const missing = connection !== undefined && listed === undefined;
  const missingHintId = useId();
  const options = connections.map((c) => ({ value: c.id, label: c.name }));
  if (!connection) options.unshift({ value: node.connection, label: `${node.connection} (unknown)` });
  const update = (patch: Parameters<typeof actions.updateTopic>[1]) => actions.updateTopic(node.id, patch);
  return (
    <>
      <h3 className="efs-inspector__title">{node.topic || 'Unnamed topic'}</h3>
      <p className="efs-inspector__subtitle">
        {listed ? `Exists on ${connection?.name}: ${countOf(listed.partitions, 'partition')}` : 'Not on the connection yet'}
      </p>
      <SelectField label="Connection" value={node.connection} options={options} onChange={(c) => update({ connection: c })} />
      <TextField label="Topic name" value={node.topic} maxLength={limits.topic} onCommit={(topic) => update({ topic })} />
      <fieldset className="efs-fieldset">
        <legend>Creation</legend>
        {missing ? (
          // Deploy creates a topic the connection lacks whether or not settings are chosen, so the box
          // is ticked and fixed while the topic is missing; only the settings are a choice.
          <>
            <label className="efs-check">
              <input type="checkbox" checked disabled aria-describedby={missingHintId} />
              Create this topic on deploy
            </label>
            <p id={missingHintId} className="efs-field__hint">
              It does not exist on {connection.name}: deploy creates it{node.create ? ' with these settings.' : " with the cluster's default settings."}
            </p>
            {member ? <GuardrailsHint connection={connection} /> : null}
            <Button size="small" onClick={() => update({ create: node.create ? undefined : newTopicSettings(connection, { member }) })}>
              {node.create ? "Use the cluster's defaults" : 'Choose partitions, replication and retention'}
            </Button>
          </>
        ) : (
          <label className="efs-check">
            <input
              type="checkbox"
              checked={node.create !== undefined}
              onChange={(e) => update({ create: e.target.checked ? newTopicSettings(connection, { member }) : undefined })}
            />
            Create this topic on deploy when it does not exist
          </label>
        )}
        {node.create ? (
          <>
            <NumberField
              label="Partitions"
              value={node.create.partitions}
              min={fewest.partitions}
              max={most.partitions}
              onCommit={(partitions) => partitions !== undefined && node.create && update({ create: { ...node.create, partitions } })}
            />
            <NumberField
              label="Replication factor"
              value={node.create.replicationFactor}
              min={fewest.replicationFactor}
              max={most.replicationFactor}
              onCommit={(replicationFactor) =>
                replicationFactor !== undefined && node.create && update({ create: { ...node.create, replicationFactor } })
              }
            />
            <NumberField
              label="Retention (hours)"
              value={retentionHours(node.create.config[retentionConfig])}
              min={1}
              max={limits.retentionHours}
              optional
              hint="Empty: the cluster's default."
              onCommit={(hours) => node.create && update({ create: { ...node.create, config: withRetention(node.create.config, hours) } })}
            />
          </>
        ) : null}
      </fieldset>
    </>
  );
}

/** A `retention.ms` value in whole hours, for the field; `undefined` when unset, forever or not whole hours. */
function retentionHours(ms: string | undefined): number | undefined {
  const hours = Number(ms) / hourMs;
  return ms !== undefined && Number.isInteger(hours) && hours > 0 ? hours : undefined;
}

/** The topic config with its retention set to `hours`, or without one (the cluster's default). */
function withRetention(config: Record<string, string>, hours: number | undefined): Record<string, string> {
  const { [retentionConfig]: _old, ...rest } = config;
  return hours === undefined ? rest : { ...rest, [retentionConfig]: String(hours * hourMs) };
}
