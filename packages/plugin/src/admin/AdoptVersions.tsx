import { Field } from '@event-flows/editor';
import { defaultVersion, type CatalogAlgorithm } from '@event-flows/model';

/** The published versions of `algorithm` in `catalog`, newest first (empty when it is not in the catalog). */
export function publishedVersions(catalog: readonly CatalogAlgorithm[] | undefined, algorithm: string): string[] {
  const known = catalog?.find((a) => a.ref === algorithm);
  return (known?.versions ?? []).filter((v) => v.published).map((v) => v.version).reverse();
}

/**
 * The version each algorithm is to run at: the one in `chosen`, else the catalog's newest published
 * one. Only algorithms the catalog publishes a version of are listed; the server checks them again.
 */
export function chosenVersions(algorithms: readonly string[], catalog: readonly CatalogAlgorithm[] | undefined, chosen: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    algorithms.flatMap((a) => {
      const known = catalog?.find((c) => c.ref === a);
      const version = chosen[a] ?? (known ? defaultVersion(known.versions) : '');
      return known && version ? [[a, version]] : [];
    }),
  );
}

/** Props of {@link AdoptVersions}. */
export interface AdoptVersionsProps {
  algorithms: readonly string[];
  /** The org's catalog of algorithms (`undefined` while it loads). */
  catalog: readonly CatalogAlgorithm[] | undefined;
  /** The versions picked so far, by algorithm. */
  chosen: Readonly<Record<string, string>>;
  onChoose: (algorithm: string, version: string) => void;
}

/**
 * The version each adopted algorithm is to run at (Kafka does not know it), one picker per algorithm,
 * listing the catalog's published versions, newest first; an algorithm without a pick runs at the
 * catalog's newest published version. An algorithm the org's catalog does not list says so.
 */
export function AdoptVersions({ algorithms, catalog, chosen, onChoose }: AdoptVersionsProps) {
  if (algorithms.length === 0) return null;
  return (
    <fieldset className="efs-app__fieldset efs-app__adopt-versions">
      <legend>Versions</legend>
      <p className="efs-app__muted">Kafka does not know which version runs: choose it for each algorithm the flow does not have yet.</p>
      {algorithms.map((algorithm) => {
        const known = catalog?.find((a) => a.ref === algorithm);
        const versions = publishedVersions(catalog, algorithm);
        if (catalog && (!known || versions.length === 0)) {
          return (
            <p key={algorithm} className="efs-app__muted">
              {algorithm}: {known ? 'no published version in the catalog' : 'not in the catalog of this org'}; it is adopted at “latest”.
            </p>
          );
        }
        return (
          <Field key={algorithm} label={algorithm} className="efs-app__version-choice">
            <select value={chosen[algorithm] ?? (known ? defaultVersion(known.versions) : '')} disabled={!catalog} onChange={(e) => onChoose(algorithm, e.target.value)}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </Field>
        );
      })}
    </fieldset>
  );
}
