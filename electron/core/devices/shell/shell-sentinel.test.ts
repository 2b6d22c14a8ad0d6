import { describe, expect, it } from 'vitest';
import { parseSentinelOutput, SentinelStream, sentinelCommand } from './shell-sentinel';

describe('the exit-code sentinel', () => {
  const { marker, line } = sentinelCommand(`'ls' '/x'`, 'abc123');

  it('sends stderr to a private file and prints the status after the command', () => {
    expect(line).toBe(
      `'ls' '/x' 2>'/data/local/tmp/.edge-studio-stderr-abc123'; echo ${marker}$?; ` +
        `cat '/data/local/tmp/.edge-studio-stderr-abc123'; rm -f '/data/local/tmp/.edge-studio-stderr-abc123'`,
    );
  });

  it('splits stdout, status and stderr, even without a final newline', () => {
    expect(parseSentinelOutput(`partial${marker}1\nls: /x: No such file\n`, marker)).toEqual({
      stdout: 'partial',
      exitCode: 1,
      stderr: 'ls: /x: No such file\n',
    });
    expect(parseSentinelOutput(`a\r\n${marker}0\r\n`, marker)).toEqual({
      stdout: 'a\r\n',
      exitCode: 0,
      stderr: '',
    });
  });

  it('is null when the marker never came', () => {
    expect(parseSentinelOutput('half of the out', marker)).toBeNull();
    expect(parseSentinelOutput(`x${marker}`, marker)).toBeNull();
  });

  it('streams stdout and holds back only what could start the marker', () => {
    const stream = new SentinelStream(marker);
    expect(stream.push('hello\n__edge')).toBe('hello\n');
    expect(stream.push('_stud')).toBe('');
    expect(stream.push('nope')).toBe('__edge_studnope');
    expect(stream.push(`end${marker}0\nerr`)).toBe('end');
    expect(stream.push('more')).toBe('');
  });
});
