import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EvalReport } from '@smartseg/eval-runner';
import { ROOT, smartseg, tempHome } from '../support/cli-runner';

/**
 * The evaluation, end to end: a generated reference tenant, both splits through the built
 * engine, the report printed. Every returned segment must pass the verifier and name nothing
 * the catalog lacks; the accuracy floors of evals/gates.json fail CI once "enforce" is true.
 */
describe('evaluation on the reference tenant', () => {
  const home = tempHome('smartseg-eval-');
  const reports = path.join(home, 'reports');
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(() => {
    const init = smartseg(home, ['demo', 'init', '--customers', '20000']);
    if (init.code !== 0) throw new Error(`demo init failed: ${init.stderr}`);
    const r = spawnSync(
      process.execPath,
      [path.join(ROOT, 'dist/libs/eval-runner/src/eval-runner.main.js'), '--split', 'all', '--gate', '--report-dir', reports],
      { cwd: ROOT, env: { ...process.env, SMARTSEG_HOME: home }, encoding: 'utf8', timeout: 600_000 },
    );
    run = { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    process.stdout.write(`${run.stdout}\n`);
  }, 900_000);

  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it.each(['dev', 'test'])('%s: every segment verifies and nothing is invented', (split) => {
    expect(run.stderr).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(reports, `${split}.json`), 'utf8')) as EvalReport;
    expect(report.overall.cases).toBeGreaterThan(200);
    expect(report.overall.schema_validity).toBe(1);
    expect(report.overall.hallucination_rate).toBeLessThanOrEqual(0.01);
    expect(report.gate).toBeDefined();
  });

  it('fails only when the enforced gates fail', () => {
    const gates = JSON.parse(fs.readFileSync(path.join(ROOT, 'evals/gates.json'), 'utf8')) as { enforce?: boolean };
    const failed = ['dev', 'test'].some(
      (s) => !(JSON.parse(fs.readFileSync(path.join(reports, `${s}.json`), 'utf8')) as EvalReport).gate?.passed,
    );
    expect(run.code).toBe(gates.enforce === true && failed ? 1 : 0);
  });
});
