/**
 * Where the store lives: `--db FILE`, else `$OPENVET_DB`, else the XDG data directory
 * (`$XDG_DATA_HOME/openvet/openvet.db`, default `~/.local/share/openvet/openvet.db`).
 */
import os from 'node:os';
import path from 'node:path';

export function resolveDbPath(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (flag) return flag;
  if (env.OPENVET_DB) return env.OPENVET_DB;
  const dataHome =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(env.HOME ?? os.homedir(), '.local', 'share');
  return path.join(dataHome, 'openvet', 'openvet.db');
}
