import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** A directory served under a URL prefix; `fallback` (e.g. `index.html`) answers paths with no file. */
export interface StaticMount {
  prefix: string;
  dir: string;
  fallback?: string;
  /** Extra headers, e.g. CORS for a plugin bundle loaded by other origins. */
  headers?: Record<string, string>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileAt(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Serves a file from the first mount whose prefix matches; never outside the mount's directory. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, mounts: readonly StaticMount[]): Promise<boolean> {
  for (const mount of mounts) {
    if (!pathname.startsWith(mount.prefix)) continue;
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(mount.prefix.length)).replace(/^\/+/, '');
    } catch {
      return false; // a malformed %-escape names no file
    }
    const root = path.resolve(mount.dir);
    let file = path.resolve(root, relative || mount.fallback || 'index.html');
    if (!file.startsWith(root + path.sep) && file !== root) return false;
    if (!(await fileAt(file))) {
      if (!mount.fallback) continue;
      file = path.join(root, mount.fallback);
      if (!(await fileAt(file))) continue;
    }
    res.statusCode = 200;
    res.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
    for (const [name, value] of Object.entries(mount.headers ?? {})) res.setHeader(name, value);
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    createReadStream(file).pipe(res);
    return true;
  }
  return false;
}
