/**
 * `quai doctor` says what is right and what to fix, and changes nothing: a fresh directory (the
 * embedded database not created yet), a portal's directory after it ran (migrations applied,
 * the queue there), an unreachable PostgreSQL (a failure naming DATABASE_URL, exit code 1).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { doctor, doctorCommand } from '../src/cli-ops.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';

describe('quai doctor', () => {
  let dataDir = '';
  const statusOf = (findings: { check: string; status: string }[], check: string) =>
    findings.find((finding) => finding.check === check)?.status;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'quai-doctor-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  test('a fresh directory: nothing created, the database to come', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '' });
    const findings = await doctor(config);
    assert.equal(statusOf(findings, 'database'), 'warn');
    assert.match(findings.find((f) => f.check === 'database')?.detail ?? '', /first `quai serve` creates it/);
    assert.equal(existsSync(path.join(dataDir, 'pglite')), false, 'the doctor created no database');
    assert.equal(statusOf(findings, 'blob store'), 'ok');
    assert.equal(statusOf(findings, 'DuckDB'), 'ok');
    assert.equal(statusOf(findings, 'SMTP_URL'), 'warn');
  });

  test('after the portal ran: the schema is up to date and the queue is there', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' });
    const ctx = await createContext(config, { work: true });
    await ctx.close();
    const findings = await doctor(config);
    assert.deepEqual(
      ['database', 'migrations', 'job queue'].map((check) => statusOf(findings, check)),
      ['ok', 'ok', 'ok'],
      JSON.stringify(findings),
    );
    assert.match(findings.find((f) => f.check === 'database')?.detail ?? '', /PGlite.*unaccent/);
  });

  test('an unreachable PostgreSQL fails, names what to check, and the command exits 1', async () => {
    const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://quai@127.0.0.1:1/nowhere' });
    const findings = await doctor(config);
    assert.equal(statusOf(findings, 'database'), 'fail');
    assert.match(findings.find((f) => f.check === 'database')?.detail ?? '', /DATABASE_URL/);
    const lines: string[] = [];
    const log = console.log;
    console.log = (line: string) => lines.push(line);
    try {
      assert.equal(await doctorCommand(config), 1);
    } finally {
      console.log = log;
    }
    assert.ok(lines.some((line) => line.startsWith('✗ database')));
  });
});
