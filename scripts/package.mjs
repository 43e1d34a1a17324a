// Packages the extension as rationale-lens-<version>.vsix in the project root: a production build
// (minified, no source maps), then `vsce package --no-dependencies` (esbuild bundles the
// dependencies; .vscodeignore keeps only dist/, media/ and the manifest files). Offline.
import { readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, build, packageVsix } from './buildTools.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const out = join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
const production = !process.argv.includes('--dev');
build(production ? ['--production'] : []);
packageVsix(out);
// Leave dist/ as the everyday (dev) build that tests and the debugger expect.
if (production) build();
console.log(`${relative(process.cwd(), out) || out} (${(statSync(out).size / 1024).toFixed(1)} KiB${production ? '' : ', dev build'})`);
