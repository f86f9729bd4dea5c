import { readFileSync } from 'node:fs';
import type { ServerConfig } from '../config.ts';
import { algorithmiaPlatform } from './algorithmia.ts';
import { demoConfig } from './demoConfig.ts';
import type { PlatformAdapter } from './platform.ts';
import { standalonePlatform, StandaloneConfig } from './standalone.ts';

/**
 * The platform the configuration names, as `pnpm start` and `pnpm worker` both build it: identity from
 * `IDENTITY_FILE` (else the demo users), algorithms from Algorithmia's API when `ALGORITHMIA_API_URL`
 * and `ALGORITHMIA_API_KEY` are set (else standalone). `demo` tells whether the demo identity is used.
 */
export function platformFromConfig(config: ServerConfig): { platform: PlatformAdapter; demo: boolean } {
  const identity = config.IDENTITY_FILE ? StandaloneConfig.parse(JSON.parse(readFileSync(config.IDENTITY_FILE, 'utf8'))) : demoConfig();
  const platform =
    config.ALGORITHMIA_API_URL && config.ALGORITHMIA_API_KEY
      ? algorithmiaPlatform({ apiUrl: config.ALGORITHMIA_API_URL, apiKey: config.ALGORITHMIA_API_KEY, identity })
      : standalonePlatform(identity);
  return { platform, demo: !config.IDENTITY_FILE };
}
