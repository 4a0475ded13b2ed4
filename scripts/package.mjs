// Packages the extension: a production build (minified, no source maps), then `vsce package` into
// <name>-<version>.vsix at the repository's root (git-ignored). Prints the .vsix's contents and size.
// `npm run package`; scripts/demo.mjs uses packageExtension().
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit code ${code}); see its output above.`)),
    );
  });
}

function vsixPath() {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(root, `${manifest.name}-${manifest.version}.vsix`);
}

/** Builds for production and packages; returns the .vsix's path. */
export async function packageExtension() {
  await run(process.execPath, ['scripts/build.mjs', '--production']);
  const vsix = vsixPath();
  await run(join(root, 'node_modules', '.bin', 'vsce'), [
    'package',
    // Everything is bundled, so no node_modules go in; .vscodeignore lists what does.
    '--no-dependencies',
    // The README's images ship in the .vsix (docs/*.png), so its relative links work in VS Code as they are.
    '--no-rewrite-relative-links',
    // The project has no public repository yet; vsce would otherwise ask for one.
    '--allow-missing-repository',
    '--out',
    vsix,
  ]);
  console.log(`\n${vsix.replace(root, '')}: ${(statSync(vsix).size / 1024).toFixed(0)} KB`);
  return vsix;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await packageExtension();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
