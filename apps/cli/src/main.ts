#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { registerAskCommands } from './commands/ask.command';
import { registerCatalogCommands } from './commands/catalog.command';
import { registerDemoCommands } from './commands/demo.command';
import { registerSegmentCommands } from './commands/segment.command';
import { registerWarehouseCommands } from './commands/warehouse.command';
import { EXIT_BAD_INPUT, EXIT_OK, reportFailure } from './cli-errors';

export function buildProgram(): Command {
  const program = new Command('smartseg')
    .description('Smart-Segmentation: audiences in plain words, verified, explained and counted')
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerDemoCommands(program);
  registerSegmentCommands(program);
  registerCatalogCommands(program);
  registerAskCommands(program);
  registerWarehouseCommands(program);
  // every sub-command reports usage errors the same way (exit 2)
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return EXIT_OK;
      }
      return EXIT_BAD_INPUT;
    }
    return reportFailure(error);
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportFailure(error);
    },
  );
}
