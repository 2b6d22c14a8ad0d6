import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { studioRoot } from '../core/paths';
import { writeFakeBundle } from '../core/runs/runtimes/testing-bundle';
import { tempDataDir } from '../core/testing';

const bin = `${studioRoot()}/electron/cli/edge-studio.mjs`;
const data = tempDataDir();
afterAll(() => data.cleanup());

function edgeStudio(...args: string[]) {
  return spawnSync(process.execPath, [bin, '--data', data.dir, 'runtime', ...args], {
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('edge-studio runtime', () => {
  it('adds a bundle folder, lists it, refuses a tampered one and removes it', () => {
    const dir = join(data.dir, 'ndk-qnn');
    writeFakeBundle(dir);
    const added = edgeStudio('add', dir, '--label', 'QNN build');
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/^registered 1 {2}arm64-v8a {2}QNN build/);
    const listed = edgeStudio('list', '--json');
    const bundles = JSON.parse(listed.stdout) as { id: string; dir: string; source: string }[];
    expect(bundles).toContainEqual(expect.objectContaining({ id: '1', dir, source: 'user' }));

    const tampered = join(data.dir, 'tampered');
    writeFakeBundle(tampered);
    writeFileSync(join(tampered, 'edge-runner'), '#!/bin/sh\n#');
    const refused = edgeStudio('add', tampered);
    expect(refused.status).toBe(1);
    expect(refused.stderr.trim()).toBe(
      `edge-studio: ${join(tampered, 'edge-runner')} is 11 bytes, bundle.json says 10`,
    );

    expect(edgeStudio('remove', '1').stdout.trim()).toBe('removed runtime 1');
    expect(edgeStudio('list').stdout).not.toContain(dir);
    expect(edgeStudio('remove', '1').status).toBe(1);
  });

  it('says which bundle.json is malformed', () => {
    const dir = join(data.dir, 'broken');
    writeFakeBundle(dir);
    writeFileSync(join(dir, 'bundle.json'), '{"abi": ');
    const result = edgeStudio('add', dir);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'bundle.json')} is not JSON`);
  });
});
