import { defaultVersion, type CatalogAlgorithm } from '@event-flows/model';

/** The published versions of `algorithm` in `catalog`, newest first (empty when it is not in the catalog). */
export function publishedVersions(catalog: readonly CatalogAlgorithm[] | undefined, algorithm: string): string[] {
  const known = catalog?.find((a) => a.ref === algorithm);
  return (known?.versions ?? []).filter((v) => v.published).map((v) => v.version).reverse();
}

/**
 * The version each adopted algorithm is to run at (Kafka does not know it), one picker per algorithm,
 * listing the catalog's published versions; `chosen` holds the picks, and an algorithm without one
 * runs at the catalog's newest published version. An algorithm the org's catalog does not list says so.
 */
export function AdoptVersions({
  id,
  algorithms,
  catalog,
  chosen,
  onChoose,
}: {
  id: string;
  algorithms: readonly string[];
  catalog: readonly CatalogAlgorithm[] | undefined;
  chosen: Readonly<Record<string, string>>;
  onChoose: (algorithm: string, version: string) => void;
}) {
  if (algorithms.length === 0) return null;
  return (
    <fieldset className="efs-app__fieldset">
      <legend>Versions</legend>
      <p className="efs-app__muted">Kafka does not know which version runs: choose it for each algorithm the flow does not have yet.</p>
      {algorithms.map((algorithm, i) => {
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
          <div key={algorithm} className="efs-app__version-choice">
            <label htmlFor={`${id}-version-${i}`}>{algorithm}</label>
            <select id={`${id}-version-${i}`} value={chosen[algorithm] ?? (known ? defaultVersion(known.versions) : '')} disabled={!catalog} onChange={(e) => onChoose(algorithm, e.target.value)}>
              {versions.map((v) => (
                <option key={v} value={v}>
                  {v}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </fieldset>
  );
}
