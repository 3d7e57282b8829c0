/**
 * The Content-Security-Policy of the H5 pages. The built index.html carries one small inline script
 * (Taro's viewport setup); rather than allowing every inline script, its sha256 is read from the
 * file and named in script-src, so an injected script cannot run. Read again when the build changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

let cached: { file: string; mtimeMs: number; hashes: string[]; checkedAt: number } | null = null;
/** How long a look at the build holds: a new build shows within a second, without a stat per response. */
const RECHECK_MS = 1000;

/** 'sha256-…' of every inline <script> in the built index.html; none when it is not built. */
export function inlineScriptHashes(distDir: string): string[] {
  const file = path.resolve(distDir, 'index.html');
  const now = Date.now();
  if (cached && cached.file === file && now - cached.checkedAt < RECHECK_MS) return cached.hashes;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    cached = { file, mtimeMs: -1, hashes: [], checkedAt: now };
    return [];
  }
  if (cached && cached.file === file && cached.mtimeMs === mtimeMs) {
    cached.checkedAt = now;
    return cached.hashes;
  }
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)]
    .map((m) => m[1] ?? '')
    .filter((body) => body.length > 0)
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  cached = { file, mtimeMs, hashes, checkedAt: now };
  return hashes;
}

export function cspDirectives(distDir: string): Record<string, Array<string | (() => string)>> {
  return {
    defaultSrc: ["'self'"],
    // Looked at again at most once a second (a stat; the file only when a build changed it), so a new build needs no restart.
    scriptSrc: ["'self'", () => inlineScriptHashes(distDir).join(' ')],
    // Taro's web components set inline styles and inject <style> elements.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  };
}
