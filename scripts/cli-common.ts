/**
 * What the publisher tools (scripts/list.ts, scripts/hooks.ts, scripts/package.ts) share, so
 * their usage errors, flag parsing and exit codes cannot drift apart:
 * 0 done, 1 the input is wrong or an unexpected failure, 2 wrong usage (message + usage).
 * Dependency-free on purpose, like the tools themselves.
 */
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parsePublicKey } from '../lib/list/signature';

/** Wrong usage: caught by runMain, printed with the usage text, exit status 2. */
export class UsageError extends Error {}

export function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * An unexpected error as one line for a user: its message on one line, and for a RangeError
 * (a stack overflow on hostile input) what it means rather than "Maximum call stack size".
 */
export function oneLine(e: unknown): string {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return 'the input is nested too deeply to read';
  return errText(e).replace(/\s+/g, ' ').trim() || 'unknown error';
}

export type Flags = Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/** The parsed value of one flag: strict parseArgs gives exactly these shapes. */
type FlagValue<F> = F extends { type: 'boolean' } ? boolean : F extends { multiple: true } ? string[] : string;
export type FlagValues<F extends Flags> = { [K in keyof F]?: FlagValue<F[K]> };

/**
 * Strict flag parsing with `--help`/`-h` added to every command. Returns null when help was
 * asked for (the caller prints its usage); throws UsageError for an unknown flag, a stray
 * positional (unless `positionals`), or a `required` flag that is missing or empty.
 */
export function parseFlags<F extends Flags>(
  argv: string[],
  options: F,
  required: (keyof F & string)[],
  positionals = false,
): { values: FlagValues<F>; positionals: string[] } | null {
  let values: Record<string, string | boolean | string[] | undefined>;
  let rest: string[];
  try {
    ({ values, positionals: rest } = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: positionals }));
  } catch (e) {
    throw new UsageError(errText(e));
  }
  if (values.help) return null;
  for (const r of required) {
    const v = values[r];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) throw new UsageError(`--${r} is required`);
  }
  return { values: values as FlagValues<F>, positionals: rest };
}

/**
 * A `--public-key` argument: the `ed25519:…` string itself, or the path of list-key.pub (its
 * first line). Null, after printing why, when that is not a valid key (the caller exits 1).
 */
export function publicKeyArg(given: string): string | null {
  let key = given.trim();
  if (!/^ed25519:/i.test(key) && existsSync(key)) key = readFileSync(key, 'utf8').trim().split(/\r?\n/)[0] ?? '';
  try {
    parsePublicKey(key);
  } catch (e) {
    console.error(`error: --public-key: ${errText(e)}`);
    return null;
  }
  return key;
}

/** The text of an `--in` file; null, after printing why, when it cannot be read (the caller exits 1). */
export function readInput(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    console.error(`error: cannot read ${path}: ${errText(e)}`);
    return null;
  }
}

/** Temp file in the same directory, then rename: a reader never sees half a file. */
export function writeAtomic(path: string, data: string, mode: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, data, { mode });
    chmodSync(tmp, mode); // the umask may have narrowed or the file may have existed
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export type Command = (argv: string[]) => Promise<number>;

/**
 * `tool <command> [flags]`: runs the named command; `help`, `--help` or `-h` prints `usage`.
 * A missing or unknown command is a usage error (exit status 2).
 */
export function runCli(commands: Record<string, Command>, usage: string): void {
  runMain(async (argv) => {
    const [command, ...rest] = argv;
    if (command === undefined) throw new UsageError('a command is required');
    if (command === 'help' || command === '--help' || command === '-h') {
      console.log(usage);
      return 0;
    }
    // hasOwn: "toString" and the like are unknown commands, not Object.prototype's.
    if (!Object.hasOwn(commands, command)) throw new UsageError(`unknown command "${command}"`);
    return commands[command](rest);
  }, usage);
}

/**
 * Runs `main` on the process arguments and sets the exit status from its result. A
 * UsageError prints its message and `usage` (exit 2); anything else thrown is a bug or an
 * unexpected failure: its stack is printed (exit 1). exitCode, not process.exit(), so
 * pending output is flushed.
 */
export function runMain(main: (argv: string[]) => Promise<number>, usage: string): void {
  main(process.argv.slice(2))
    .catch((e: unknown) => {
      if (!(e instanceof UsageError)) throw e;
      console.error(`error: ${e.message}\n`);
      console.error(usage);
      return 2;
    })
    .then(
      (code) => {
        process.exitCode = code;
      },
      (e: unknown) => {
        console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
        process.exitCode = 1;
      },
    );
}
