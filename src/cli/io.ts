/** Where a command writes: the process's stdout or stderr, or a buffer in a test. */
export interface CliOutput {
  write(text: string): void;
  /** A terminal: progress lines are drawn only there. */
  readonly isTTY: boolean;
}

/**
 * Everything a command takes from the process it runs in, so the same commands run in a test without
 * one. Commands read none of process.stdout, process.env, process.cwd() or process signals themselves;
 * the exit code is what runCli returns.
 */
export interface CliIo {
  stdout: CliOutput;
  stderr: CliOutput;
  /** The environment the configuration is read from (loadConfig). */
  env: Readonly<Record<string, string | undefined>>;
  /** Relative paths (files to import, PAYUNG_DATA_DIR) are resolved against this folder. */
  cwd: string;
  /** Resolves when a long-running command (`serve`) is asked to stop: SIGINT or SIGTERM for a process. */
  untilStopped(): Promise<void>;
}

function output(stream: NodeJS.WriteStream): CliOutput {
  return {
    write: (text) => {
      stream.write(text);
    },
    get isTTY() {
      return stream.isTTY === true;
    },
  };
}

/** The real process: its streams, environment, folder and signals. */
export function processIo(): CliIo {
  return {
    stdout: output(process.stdout),
    stderr: output(process.stderr),
    env: process.env,
    cwd: process.cwd(),
    untilStopped: () =>
      new Promise((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      }),
  };
}

/** Writes whole lines to `out`, as console.log does. */
export function lineWriter(out: CliOutput): (line: string) => void {
  return (line) => out.write(`${line}\n`);
}
