/**
 * An ES-module stand-in for `use-sync-external-store/shim`, the CommonJS polyfill of
 * `useSyncExternalStore` for React before 18. React 19 has the hook, so this only hands it on,
 * without the package's `require('react')` that a React-external build cannot keep
 * (vite.config.ts points the imports here).
 */
import { useSyncExternalStore } from 'react';

export { useSyncExternalStore };

/** The CommonJS module's exports object, for importers that take it as the default import. */
const commonJsExports = { useSyncExternalStore };
export { commonJsExports as default };
