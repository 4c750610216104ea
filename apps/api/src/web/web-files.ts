import * as fs from 'node:fs';
import * as path from 'node:path';

/** Content types of the files the web page's build holds; any other extension is not served. */
export const WEB_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** index.html: always revalidated (it names the hashed assets of the current build). */
export const INDEX_CACHE_CONTROL = 'no-cache';
/** Vite's assets carry a content hash in their names: cache them for a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/**
 * The page may load and talk to this origin only: no inline script, no CDN, no framing.
 * React sets styles through the DOM (CSSOM), which `style-src 'self'` permits.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A file name inside assets/: letters, digits, dot, dash, underscore; no leading dot, no separators. */
const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/** Where `vite build` writes the page, looked up from this file in the source tree and in dist/. */
export function webDistCandidates(from: string = __dirname): string[] {
  return [
    // source tree (ts-node / jest): apps/api/src/web -> apps/web/dist
    path.resolve(from, '..', '..', '..', 'web', 'dist'),
    // compiled: dist/apps/api/src/web -> <root>/apps/web/dist
    path.resolve(from, '..', '..', '..', '..', '..', 'apps', 'web', 'dist'),
    path.resolve(process.cwd(), 'apps', 'web', 'dist'),
  ];
}

export interface WebFile {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

/**
 * Reads files of the built web page. Only `index.html` and flat files of `assets/` are
 * reachable; names are checked against a strict pattern and the resolved path must stay
 * inside the folder (no traversal, no symlinks out).
 */
export class WebFiles {
  private root: string | undefined;

  constructor(private readonly candidates: string[] = webDistCandidates()) {}

  /** The dist folder holding index.html, or undefined when the page is not built. */
  distDir(): string | undefined {
    if (this.root && fs.existsSync(path.join(this.root, 'index.html'))) return this.root;
    this.root = this.candidates.find((d) => fs.existsSync(path.join(d, 'index.html')));
    return this.root;
  }

  index(): WebFile | undefined {
    const dir = this.distDir();
    return dir ? this.read(dir, 'index.html') : undefined;
  }

  asset(name: string): WebFile | undefined {
    if (typeof name !== 'string' || !SAFE_NAME.test(name) || name.includes('..')) return undefined;
    const dir = this.distDir();
    return dir ? this.read(path.join(dir, 'assets'), name) : undefined;
  }

  private read(dir: string, name: string): WebFile | undefined {
    const contentType = WEB_CONTENT_TYPES[path.extname(name).toLowerCase()];
    if (!contentType) return undefined;
    const base = path.resolve(dir);
    const file = path.resolve(base, name);
    if (path.dirname(file) !== base) return undefined;
    try {
      const real = fs.realpathSync(file);
      if (path.dirname(real) !== fs.realpathSync(base)) return undefined;
      const stat = fs.statSync(real);
      if (!stat.isFile()) return undefined;
      const body = fs.readFileSync(real);
      return {
        body,
        contentType,
        etag: `W/"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`,
        lastModified: stat.mtime,
      };
    } catch {
      return undefined;
    }
  }
}
