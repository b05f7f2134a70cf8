import { Command, CommanderError, Option } from 'commander';
import { CliError, exitCodeFor } from './cliError.ts';
import { runAnalyze } from './commands/analyzeCommand.ts';
import { runDecision } from './commands/decisionCommands.ts';
import { runExplain } from './commands/explainCommand.ts';
import { runHeal } from './commands/healCommand.ts';
import { runHealings } from './commands/healingsCommand.ts';
import { runKillSwitch } from './commands/killSwitchCommand.ts';
import { runRulesTest } from './commands/rulesCommand.ts';
import { runSchema } from './commands/schemaCommand.ts';
import { runServe } from './commands/serveCommand.ts';
import { runServicesRegister, runServicesUpload } from './commands/servicesCommand.ts';
import { loadConfig } from './config.ts';
import { EXIT, type ExitCode } from './exitCodes.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function program(run: (code: Promise<ExitCode>) => Promise<void>): Command {
  const config = loadConfig();
  const cli = new Command('homeostasis')
    .description('Reads crash logs, finds the root cause, proves a fix in isolated sandboxes, hands back the winner.')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  cli
    .command('analyze')
    .description('print the error events found in a log')
    .requiredOption('--log <file>', 'log file, or - for standard input')
    .option('--json', 'print a JSON array of ErrorEvent objects')
    .option('--service <name>', 'service name for events that do not carry one')
    .option('--environment <name>', 'environment the log comes from', 'local')
    .action((flags) => run(runAnalyze(flags, config)));

  cli
    .command('heal')
    .description('heal the most frequent error of a log in a repository')
    .requiredOption('--repo <dir>', 'the repository of the service that wrote the log')
    .requiredOption('--log <file>', 'log file, or - for standard input')
    .option('--test <cmd>', 'test command (default: detected from the repository)')
    .option('--reproduce <cmd>', 'a command that must no longer raise the same error')
    .option('--apply', 'write the winning patch into the working tree')
    .option('--branch', 'commit the winning patch on homeostasis/<short-fingerprint>')
    .option('--push <remote>', 'push the winning patch to a remote as homeostasis/<short-fingerprint>-<healing>')
    .option('--pull-request', 'with --push: open a GitHub pull request (needs GITHUB_TOKEN)')
    .option('--json', 'print the outcome as one JSON object')
    .option('--fingerprint <prefix>', 'heal this error instead of the most frequent one')
    .option('--map <runtime=repo>', 'map a runtime path prefix to a repository prefix (repeatable)', collect)
    .option('--service <name>', 'service name')
    .option('--environment <name>', 'environment the log comes from (sets the risk thresholds and limits)', 'local')
    .option(
      '--critical-path <glob>',
      'a path whose change needs more review, e.g. "src/billing/**" (repeatable)',
      collect,
    )
    .option('--timeout <seconds>', 'timeout of each validation step', '300')
    .addOption(new Option('--concurrency <n>', 'candidates validated at once (default: cores)'))
    .action((flags) => run(runHeal(flags, config)));

  const rules = cli.command('rules').description('the rule sets');
  rules
    .command('test')
    .description('check every rule against its examples; --explain shows how one message is classified')
    .option('--explain <message>', 'a message as the runtime printed it, e.g. "TypeError: Cannot read ..."')
    .option('--language <language>', 'language of the message for --explain')
    .option('--json', 'print the report as JSON')
    .action((flags) => run(runRulesTest(flags)));

  cli
    .command('explain')
    .description('show which parts went into a fingerprint')
    .argument('<fingerprint>', 'a fingerprint or its prefix')
    .option('--log <file>', 'compute it from this log instead of the store')
    .option('--json', 'print JSON')
    .action((fingerprint, flags) => run(runExplain(fingerprint, flags, config)));

  cli
    .command('healings')
    .description('list recorded healings, or show one healing and its events')
    .argument('[id]', 'healing id or prefix')
    .option('--json', 'print JSON')
    .action((id, flags) => run(runHealings(id, flags, config)));

  for (const decision of ['approve', 'reject'] as const) {
    cli
      .command(decision)
      .description(`${decision} the patch of a healing awaiting approval (recorded with you, the time and the reason)`)
      .argument('<healing>', 'healing id or prefix')
      .requiredOption('--reason <text>', 'why; kept in the audit trail (a rejection also counts against the rule)')
      .option('--json', 'print the healing id, state and approval status as JSON')
      .action((id, flags) => run(runDecision(decision, id, flags, config)));
  }

  cli
    .command('kill-switch')
    .description('show, or turn on/off, the switch that stops all automatic delivery')
    .argument('[on|off]', 'the new setting')
    .option('--reason <text>', 'why (required to change it)')
    .option('--json', 'print JSON')
    .action((setting, flags) => run(runKillSwitch(setting, flags, config)));

  cli
    .command('serve')
    .description('serve the REST API and the dashboard over the local store')
    .option('--port <n>', 'port (default HOMEOSTASIS_API_PORT or 8080; 0 picks a free one)')
    .option('--host <address>', 'address to bind (default 127.0.0.1)')
    .action((flags) => run(runServe(flags, config)));

  cli
    .command('schema')
    .description('print the JSON Schema of ErrorEvent')
    .action(() => run(runSchema()));

  const services = cli
    .command('services')
    .description('services the deployed pipeline heals (AWS; AWS_ENDPOINT_URL for an emulator)');
  services
    .command('register')
    .description("write a service's registry item into the stack's services table")
    .requiredOption('--service <name>', 'service name, as its log records or ingest messages name it')
    .requiredOption('--language <language>', 'language of the service, e.g. typescript')
    .requiredOption('--source <location>', 's3://bucket/key of a source tarball, or a git URL')
    .option('--token-secret <arn>', 'Secrets Manager secret with a token for the git URL')
    .requiredOption('--test <cmd>', 'test command run in the validate stage')
    .option('--reproduce <cmd>', 'a command that must no longer raise the error')
    .option('--map <runtime=repo>', 'map a runtime path prefix to a repository prefix (repeatable)', collect)
    .option('--step-timeout <seconds>', 'timeout of each validation step for this service')
    .option('--table <name>', 'services table (default: the deployed stack output)')
    .option('--stage <name>', 'deployment stage whose stack to read', 'dev')
    .action((flags) => run(runServicesRegister(flags)));
  services
    .command('upload')
    .description("tar a repository and put it into the stack's source bucket; prints the s3:// URL")
    .requiredOption('--service <name>', 'service name')
    .requiredOption('--repo <dir>', 'the repository to upload')
    .option('--with-dependencies', 'include node_modules (the validate stage runs the tests without installing)')
    .option('--bucket <name>', 'source bucket (default: the deployed stack output)')
    .option('--stage <name>', 'deployment stage whose stack to read', 'dev')
    .action((flags) => run(runServicesUpload(flags)));
  return cli;
}

/** Runs the CLI and resolves to the exit code. Every failure is one line on stderr, never a stack trace. */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  let result: ExitCode = EXIT.ok;
  try {
    // Actions return their promise so commander awaits it and a failure surfaces here, in order.
    await program(async (p) => {
      result = await p;
    }).parseAsync(argv as string[], { from: 'user' });
    return result;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) {
        return EXIT.ok;
      }
      process.stderr.write(`homeostasis: ${error.message.replace(/^error: /, '')}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    const code = exitCodeFor(error);
    process.stderr.write(`homeostasis: ${code === EXIT.internal ? 'internal error: ' : ''}${message.split('\n')[0]}\n`);
    return code;
  }
}

export { CliError };
