/** What one edit in the editor cost, as the bench page measures it. */
export interface EditResult {
  /** From the edit to the new diagnostics in the editor's store. */
  diagnosticsMs: number;
  /** From the edit to the first animation frame after React committed the change. */
  shownMs: number;
  /** The longest main-thread task from the edit until that frame (see {@link ModelBenchApi.edit}). */
  longestTaskMs: number;
  /** How many diagnostics the store held after the edit. */
  diagnostics: number;
}

/** The bench page's hooks on `window.efsModelBench`. */
export interface ModelBenchApi {
  /** `true` once the editor has painted. */
  ready: boolean;
  error: string | null;
  /**
   * Sets one algorithm's version to one the catalog lacks, or back (each call flips it), which adds or
   * removes an `unknown-version` diagnostic, and measures what follows.
   */
  edit(): Promise<EditResult>;
}
