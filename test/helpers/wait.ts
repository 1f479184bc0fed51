/**
 * Waits until `check` holds, looking again every 25 ms: for a state the server reaches on its own
 * (the clean-up after a cut connection, a piece received). It has no limit of its own, as a busy
 * machine may take its time; a genuine hang is caught by the limit on the whole run (test/run.ts).
 */
export async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25));
}
