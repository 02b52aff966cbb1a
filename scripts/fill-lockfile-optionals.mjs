// The npm registry reachable here serves only some platform builds of packages like
// @next/swc, so `npm install` leaves the others out of package-lock.json and `npm ci`
// then refuses the lockfile. This adds placeholder entries (optional, with the platform
// read from the name) so `npm ci` accepts the lockfile and skips them on this machine.
// Run after any `npm install` that changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

function platformOf(name) {
  const os = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openbsd', 'netbsd', 'sunos', 'aix'].find(
    (o) => name.includes(o),
  );
  const cpu = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'arm'].find((c) =>
    name.includes(c),
  );
  const entry = {};
  if (os) entry.os = [os];
  if (cpu) entry.cpu = [cpu];
  if (name.includes('musl')) entry.libc = ['musl'];
  if (!os && !cpu) entry.os = ['none'];
  return entry;
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    const nested = `${path}/node_modules/${dep}`;
    if (packages[key] || packages[nested]) continue;
    packages[key] = {
      version: range.replace(/^[\^~]/, ''),
      dev: pkg.dev,
      optional: true,
      ...platformOf(dep),
    };
    if (!pkg.dev) delete packages[key].dev;
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} placeholder entries`);
