import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { channelNames } from '@/src/channels/channel-registry';

// ARCHITECTURE.md's rules, on the real code: the import graph (dependency-cruiser, rules in
// .dependency-cruiser.cjs) and no channel named in the channel-agnostic layers.

const root = path.resolve(import.meta.dirname, '..');

type Violation = { from: string; to: string; rule: { name: string } };

describe('architecture', () => {
  it('imports follow the layers (.dependency-cruiser.cjs)', { timeout: 180_000 }, async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
        'app',
        'src',
        'proxy.ts',
        'instrumentation.ts',
        '--config',
        '.dependency-cruiser.cjs',
        '--output-type',
        'json',
      ],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const result = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
    expect(result.summary.totalCruised).toBeGreaterThan(200);
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
  });

  it('inbound, outbound, jobs and ai name no channel', () => {
    const word = new RegExp(`\\b(${channelNames.join('|')})\\b`, 'i');
    const found: string[] = [];
    for (const folder of ['inbound', 'outbound', 'jobs', 'ai']) {
      const dir = path.join(root, 'src', folder);
      for (const file of readdirSync(dir, { recursive: true }) as string[]) {
        if (!/\.tsx?$/.test(file)) continue;
        const code = readFileSync(path.join(dir, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '');
        // String and template literals only: column names such as page_id are data, not channels.
        for (const literal of code.match(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g) ?? []) {
          if (word.test(literal)) found.push(`src/${folder}/${file}: ${literal}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
