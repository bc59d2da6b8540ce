import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  type DeploymentRecord,
  MAX_RECORD_LINE_BYTES,
  recordDeployment,
} from '../../src/deploy/record-deployment.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'abe-record-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function record(failure: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    time: '2025-05-04T10:00:00.000Z',
    environment: 'production',
    context: 'prod-cluster',
    namespace: 'ployst',
    result: 'failed',
    failedStage: 'apply',
    failure,
    components: [{ name: 'api', image: 'registry.example.com/api', tag: '1.4.2' }],
    rolledBack: ['deployment/api'],
    rollbackFailed: [],
    smoke: null,
    ...extra,
  };
}

describe('recordDeployment', () => {
  test('concurrent deploys with megabyte-long error lines each leave one whole JSON line', async () => {
    const file = join(root, 'deployments.jsonl');
    const writers = 'abcdefghijkl'.split('');

    await Promise.all(
      writers.map((letter, index) =>
        recordDeployment(file, record(letter.repeat(1_000_000 + index * 100_000))),
      ),
    );

    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(writers.length);
    const seen = lines.map((line) => {
      expect(Buffer.byteLength(line) + 1).toBeLessThanOrEqual(MAX_RECORD_LINE_BYTES);
      const parsed = JSON.parse(line) as DeploymentRecord & { truncated?: boolean };
      expect(parsed.truncated).toBe(true);
      expect(parsed.failure).toMatch(/^([a-l])\1+… \[truncated: \d+ more characters\]$/);
      expect(parsed.components).toEqual([
        { name: 'api', image: 'registry.example.com/api', tag: '1.4.2' },
      ]);
      return parsed.failure?.[0];
    });
    expect(seen.sort()).toEqual(writers);
  });

  test('a record that fits is written whole, with no truncation mark', async () => {
    const file = join(root, 'nested', 'deployments.jsonl');
    await recordDeployment(file, record('kubectl apply failed (exit 1): boom'));
    const line = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    expect(line).toEqual(record('kubectl apply failed (exit 1): boom'));
  });

  test('thousands of components are cut to fit the line, and the line says so', async () => {
    const file = join(root, 'deployments.jsonl');
    const components = Array.from({ length: 5000 }, (_, i) => ({
      name: `component-${i}`,
      image: `registry.example.com/component-${i}`,
      tag: '1.4.2',
    }));
    await recordDeployment(file, record('x', { components }));
    const text = await readFile(file, 'utf8');
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_RECORD_LINE_BYTES);
    const line = JSON.parse(text) as DeploymentRecord & { truncated?: boolean };
    expect(line.truncated).toBe(true);
    expect(line.components.length).toBeGreaterThan(100);
    expect(line.components).toEqual(components.slice(0, line.components.length));
  });
});
