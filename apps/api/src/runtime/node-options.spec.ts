import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The API's V8 flags live in apps/api/node-options.json; every launcher must run the API with them. */
const root = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
const flags: string[] = (JSON.parse(read('apps/api/node-options.json')) as { api: string[] }).api;
const command = JSON.stringify(['node', ...flags, 'dist/apps/api/src/main.js']).replace(/,/g, ', ');

function apiNodeFlags(env: Record<string, string>): string[] {
  const script = `import { apiNodeFlags } from ${JSON.stringify(path.join(root, 'scripts', 'api-node-options.mjs'))};
process.stdout.write(JSON.stringify(apiNodeFlags(${JSON.stringify(env)})));`;
  return JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  ) as string[];
}

describe('the API runs with one set of V8 flags', () => {
  it('caps the old space', () => {
    expect(flags).toContain('--max-old-space-size=128');
  });

  it.each(['Dockerfile', 'docker-compose.yml', 'helm/smart-segmentation/templates/api.yaml'])(
    '%s starts the API with them',
    (file) => {
      expect(read(file)).toContain(command);
    },
  );

  it('npm start and bench:api pass them to the API', () => {
    expect(read('scripts/start.mjs')).toMatch(/spawn\(node, \[\.\.\.apiNodeFlags\(\), api\]/);
    expect(read('bench/api/bench-api.mjs')).toMatch(/spawn\(process\.execPath, \[\.\.\.apiNodeFlags\(\), /);
    expect(apiNodeFlags({})).toEqual(flags);
  });

  it("gives way to an operator's NODE_OPTIONS that sizes the heap", () => {
    expect(apiNodeFlags({ NODE_OPTIONS: '--max-old-space-size=1024' })).toEqual([]);
    expect(apiNodeFlags({ NODE_OPTIONS: '--enable-source-maps' })).toEqual(flags);
  });

  it('does bound the heap V8 will grow to', () => {
    const limit = Number(
      execFileSync(
        process.execPath,
        [...flags, '-e', "process.stdout.write(String(require('v8').getHeapStatistics().heap_size_limit))"],
        { encoding: 'utf8' },
      ),
    );
    expect(limit / 2 ** 20).toBeLessThan(200);
  });
});
