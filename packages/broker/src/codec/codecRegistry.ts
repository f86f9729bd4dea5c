import { apiTable, type ApiSpec } from './apiTable.ts';
import { compileMessage, type MessageCodec } from './compile.ts';
import { loadMessageSchemas, type MessageSchema } from './schemaFiles.ts';

/** Request and response codecs for every advertised (api, version), compiled on first use. */
export class CodecRegistry {
  private readonly specs = new Map<number, ApiSpec>();
  private readonly requests = new Map<number, MessageSchema>();
  private readonly responses = new Map<number, MessageSchema>();
  private readonly cache = new Map<number, { request: MessageCodec; response: MessageCodec }>();

  constructor(schemas: Map<string, MessageSchema> = loadMessageSchemas()) {
    for (const spec of apiTable) {
      const request = schemas.get(`${spec.name}Request`);
      const response = schemas.get(`${spec.name}Response`);
      if (!request || !response) throw new Error(`missing schema for ${spec.name}`);
      this.specs.set(spec.key, spec);
      this.requests.set(spec.key, request);
      this.responses.set(spec.key, response);
    }
  }

  /** The advertised range for an API key, or undefined when the broker does not serve it. */
  spec(apiKey: number): ApiSpec | undefined {
    return this.specs.get(apiKey);
  }

  /** The codecs for an advertised (api, version); undefined outside the advertised range. */
  codecs(apiKey: number, version: number): { request: MessageCodec; response: MessageCodec } | undefined {
    const spec = this.specs.get(apiKey);
    if (!spec || version < spec.min || version > spec.max) return undefined;
    const id = apiKey * 100 + version;
    let pair = this.cache.get(id);
    if (!pair) {
      const request = this.requests.get(apiKey);
      const response = this.responses.get(apiKey);
      if (!request || !response) return undefined;
      pair = { request: compileMessage(request, version), response: compileMessage(response, version) };
      this.cache.set(id, pair);
    }
    return pair;
  }
}
