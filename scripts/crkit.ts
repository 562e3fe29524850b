#!/usr/bin/env node
/**
 * The `crkit` command. Each command is loaded only when asked for, so `crkit audit` never loads
 * esbuild and `crkit build` never loads the template checker's AWS spec. Paths are the caller's:
 * relative to the working directory. Exit status 2 is a usage error.
 */
type Command = {
  /** One line for `crkit --help`. */
  readonly summary: string;
  /**
   * Loads the command; it parses its own arguments (and its own `--help`) and returns the exit
   * status.
   */
  readonly load: () => Promise<(argv: readonly string[]) => Promise<number>>;
};

const commands: Readonly<Record<string, Command>> = {
  build: {
    summary: 'bundle a Lambda entry into dist/handler.zip (default entry: the built-in types)',
    load: async () => (await import('./build-command.js')).runBuildCommand,
  },
  simulate: {
    summary: 'play CloudFormation against the handler, offline, on a template',
    load: async () => (await import('./simulate/main.js')).runSimulate,
  },
  conform: {
    summary: "check a resource type against the protocol's invariants",
    load: async () => (await import('./conform/main.js')).runConform,
  },
  check: {
    summary: 'check CloudFormation templates offline',
    load: async () => (await import('./templates/check.js')).main,
  },
  audit: {
    summary: "audit a crkit trail (the handler's JSON log lines)",
    load: async () => (await import('./audit.js')).runAuditCommand,
  },
  drift: {
    summary: "check crkit's resources in deployed stacks for drift",
    load: async () => (await import('./drift/main.js')).runDrift,
  },
  deploy: {
    summary: 'build, upload and deploy the handler stacks to AWS',
    load: async () => (await import('./deploy.js')).main,
  },
};

/** The command list, for `crkit --help` and usage errors. */
function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(
    ([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`,
  );
  return (
    `usage: crkit <command> [options]   (crkit <command> --help for its ` +
    `options)\ncommands:\n${lines.join('\n')}`
  );
}

/**
 * Runs `crkit <command> …` and returns the exit status.
 * @example
 * process.exitCode = await runCrkit(['simulate', 'template.yaml']);
 */
async function runCrkit(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined) {
    process.stderr.write(
      `${name === undefined ? 'crkit: name a command' : `crkit: unknown command ${name}`}\n` +
        `${usage()}\n`,
    );
    return 2;
  }
  return (await command.load())(rest);
}

process.exitCode = await runCrkit(process.argv.slice(2));
