import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

// `npx tsx bench/summarize-cpu-profile.ts <file.cpuprofile> [top]`: where the app's CPU went,
// by original source file (the built server chunks are mapped back through their source maps)
// and by package. For the profiles `npm run bench -- --profile` writes.

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

const maps = new Map<string, SourceMap | undefined>();

function sourceMapOf(url: string): SourceMap | undefined {
  if (!maps.has(url)) {
    const file = url.startsWith('file://') ? fileURLToPath(url) : url;
    maps.set(
      url,
      existsSync(`${file}.map`) ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : undefined,
    );
  }
  return maps.get(url);
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** The original file of a sampled position: ours (src/, app/ of this repo), a package, or Next.js itself. */
function originOf({ url, lineNumber, columnNumber, functionName }: ProfileNode['callFrame']): string {
  if (!url) return `(${functionName || 'native'})`;
  if (url.startsWith('node:')) return 'node: internals';
  const entry = sourceMapOf(url)?.findEntry(lineNumber, columnNumber) as
    | { originalSource?: string }
    | undefined;
  const source = decodeURIComponent(entry?.originalSource ?? url);
  const inPackage = source.match(/node_modules\/(.*)$/);
  if (inPackage) return `node_modules/${inPackage[1]}`;
  // Sources are relative to wherever their map was made: ours only if the file is in this repo.
  const project = source.match(/(?:^|\/)((?:src|app)\/.*)$/);
  if (project && existsSync(`${root}${project[1]}`)) return project[1]!;
  if (source.includes('next/') || project) return `node_modules/next (${project?.[1] ?? source})`;
  return source;
}

function packageOf(origin: string): string {
  const match = origin.match(/^node_modules\/((?:@[^/]+\/)?[^/ ]+)/);
  if (match) return match[1]!;
  if (origin.startsWith('src/') || origin.startsWith('app/')) return 'our code';
  return origin;
}

const [file, topText = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: summarize-cpu-profile.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const byOrigin = new Map<string, number>();
const byPackage = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  total += delta;
  const origin = originOf(byId.get(id)!.callFrame);
  byOrigin.set(origin, (byOrigin.get(origin) ?? 0) + delta);
  byPackage.set(packageOf(origin), (byPackage.get(packageOf(origin)) ?? 0) + delta);
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(topText))) {
    console.log(
      `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ms sampled (idle included)`);
print('self time by package', byPackage);
print('self time by source file', byOrigin);
