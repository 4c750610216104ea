import * as fs from 'node:fs';
import * as readline from 'node:readline';
import type { Command } from 'commander';
import { ErrorCode, SmartsegError } from '@smartseg/common';
import { AskFlow, errorAnswer, type AskAnswer } from '../ask.flow';
import { parseAsOf, TenantSession } from '../cli-context';
import { printJson } from './print';

function pretty(answer: AskAnswer): string {
  const out: string[] = [];
  if (answer.status === 'segment') {
    out.push(`audience: ${answer.explanation}`);
    out.push(`size: ${answer.count?.toLocaleString('en-US')} customers`);
    out.push('', JSON.stringify(answer.segment, null, 2));
  } else if (answer.status === 'clarify') {
    out.push(`question: ${answer.question}`);
    answer.options?.forEach((o, i) => out.push(`  ${i + 1}. ${o.label} (${o.count?.toLocaleString('en-US')} customers)`));
  } else {
    out.push(`${answer.status === 'refuse' ? 'cannot build this audience' : 'error'}: ${answer.reason}`);
  }
  return `${out.join('\n')}\n`;
}

interface BatchLine {
  id: string;
  turns: string[];
}

function parseBatchLine(raw: string, lineNo: number): BatchLine {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new SmartsegError(ErrorCode.InvalidJson, `line ${lineNo}: not valid JSON`);
  }
  const obj = value as { id?: unknown; text?: unknown; turns?: unknown };
  if (!obj || typeof obj !== 'object') throw new SmartsegError(ErrorCode.BadInput, `line ${lineNo}: expected an object`);
  const id = typeof obj.id === 'string' || typeof obj.id === 'number' ? String(obj.id) : `line-${lineNo}`;
  if (typeof obj.text === 'string') return { id, turns: [obj.text] };
  if (Array.isArray(obj.turns) && obj.turns.length > 0 && obj.turns.every((t) => typeof t === 'string')) {
    return { id, turns: obj.turns as string[] };
  }
  throw new SmartsegError(ErrorCode.BadInput, `line ${lineNo} (id ${id}): needs "text" (string) or "turns" (strings)`);
}

export function registerAskCommands(program: Command): void {
  program
    .command('ask <text...>')
    .description('turn a request in plain words into a segment, explain it and count it')
    .option('--tenant <id>', 'tenant id', 'demo')
    .option('--as-of <date>', "as-of date YYYY-MM-DD (default: the warehouse's)")
    .option('--json', 'machine-readable output')
    .option('--pii', 'act with the pii permission')
    .action(async (words: string[], opts: { tenant: string; asOf?: string; json?: boolean; pii?: boolean }) => {
      const session = await TenantSession.open({ tenant: opts.tenant, asOf: parseAsOf(opts.asOf), pii: opts.pii });
      try {
        const answer = await new AskFlow(session).answer([words.join(' ')]);
        if (opts.json) printJson(answer);
        else process.stdout.write(pretty(answer));
      } finally {
        await session.close();
      }
    });

  program
    .command('understand')
    .description('answer a batch of requests: one JSON object a line in, one result a line out')
    .requiredOption('--batch <in.jsonl>', 'input: {"id","text"} or {"id","turns":[...]} per line')
    .requiredOption('--out <out.jsonl>', 'output file')
    .option('--tenant <id>', 'tenant id', 'demo')
    .option('--as-of <date>', "as-of date YYYY-MM-DD (default: the warehouse's)")
    .option('--with-ids', 'include the customer ids of each segment')
    .option('--pii', 'act with the pii permission')
    .action(
      async (opts: { batch: string; out: string; tenant: string; asOf?: string; withIds?: boolean; pii?: boolean }) => {
        if (!fs.existsSync(opts.batch)) {
          throw new SmartsegError(ErrorCode.BadInput, `--batch: ${opts.batch}: no such file`, [
            { path: '--batch', message: 'no such file' },
          ]);
        }
        const session = await TenantSession.open({ tenant: opts.tenant, asOf: parseAsOf(opts.asOf), pii: opts.pii });
        const tmp = `${opts.out}.${process.pid}.tmp`;
        const out = fs.createWriteStream(tmp);
        let n = 0;
        try {
          const flow = new AskFlow(session);
          const lines = readline.createInterface({ input: fs.createReadStream(opts.batch), crlfDelay: Infinity });
          let lineNo = 0;
          for await (const raw of lines) {
            lineNo += 1;
            if (!raw.trim()) continue;
            const started = process.hrtime.bigint();
            let id = `line-${lineNo}`;
            let answer: AskAnswer;
            try {
              const line = parseBatchLine(raw, lineNo);
              id = line.id;
              answer = await flow.answer(line.turns, { withIds: opts.withIds === true });
            } catch (e) {
              answer = errorAnswer(e);
            }
            const elapsed_ms = Number(process.hrtime.bigint() - started) / 1e6;
            const { confidence: _c, spans: _s, changes: _ch, ...rest } = answer;
            out.write(`${JSON.stringify({ id, ...rest, elapsed_ms: Math.round(elapsed_ms * 100) / 100 })}\n`);
            n += 1;
          }
        } finally {
          await new Promise<void>((resolve) => out.end(resolve));
          await session.close();
        }
        fs.renameSync(tmp, opts.out);
        process.stderr.write(`${n} results written to ${opts.out}\n`);
      },
    );
}
