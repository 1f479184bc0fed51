import { open, readFile, rm } from 'node:fs/promises';

export class DirectoryInUseError extends Error {
  override name = 'DirectoryInUseError';
}

/**
 * Takes `lockFile` for this process, or fails when another live process holds it. The embedded
 * database is one process's alone: a second one would work on its own copy and could corrupt the
 * files. A lock left by a process that died is taken over.
 */
export async function lockDirectory(lockFile: string, purpose: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DirectoryInUseError(
          `${purpose} is in use by process ${holder} (a running "quai serve"?). Stop it first, or do this through the API.`,
        );
      }
      await rm(lockFile, { force: true });
    }
  }
  throw new DirectoryInUseError(`${purpose} could not be locked (${lockFile}).`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
