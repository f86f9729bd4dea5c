import { z } from 'zod';

/** The server's settings, read from the environment (see the README's configuration table). */
export const ServerConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  KAFKA_PORT: z.coerce.number().int().min(0).max(65_535).default(9092),
  DATA_DIR: z.string().default('.data'),
  KAFKA_BROKERS: z.string().optional(),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TLS: z.enum(['true', 'false']).default('false'),
  KAFKA_TLS_CA_FILE: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  SECRET_KEY: z.string().optional(),
  IDENTITY_FILE: z.string().optional(),
  CORS_ORIGINS: z.string().default(''),
  /** `in-process`: `pnpm start` runs the bindings itself; `workers`: only `pnpm worker` processes do. */
  RUNTIME: z.enum(['in-process', 'workers']).default('in-process'),
  ALGORITHMIA_API_URL: z.string().url().optional(),
  ALGORITHMIA_API_KEY: z.string().optional(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

/** Reads the configuration, with one clear message per wrong setting. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ServerConfig.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
