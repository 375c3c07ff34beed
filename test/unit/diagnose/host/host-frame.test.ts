import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HostFrameReader, splitGrepLines } from '../../../../src/diagnose/host/host-frame.ts';

const PCI_TEMP = '/sys/devices/pci0000:00/0000:00:01.1/0000:03:00.0/hwmon/hwmon3/temp1_input';
const PATHS = ['/proc/uptime', '/proc/meminfo', '/proc/42/status', PCI_TEMP];

const FRAME_1 = [
  '@@frame',
  '/proc/uptime:1978.64 2342.66',
  '/proc/meminfo:MemTotal:       24683584 kB',
  '/proc/meminfo:MemAvailable:   23854072 kB',
  '/proc/42/status:Name:\tllama-server',
  `${PCI_TEMP}:45000`,
  '@@end',
].join('\n');

const FRAME_2 = [
  '@@frame',
  '/proc/uptime:1979.65 2342.78',
  '/proc/meminfo:MemTotal:       24683584 kB',
  '@@gpu',
  '2026/08/21 07:00:00.123, 0, NVIDIA H100, 97, 40',
  '',
  '2026/08/21 07:00:00.623, 0, NVIDIA H100, 98, 41',
  '@@end',
].join('\n');

const TEXT = `${FRAME_1}\n${FRAME_2}\n`;

const expected = [
  {
    files: new Map([
      ['/proc/uptime', ['1978.64 2342.66']],
      ['/proc/meminfo', ['MemTotal:       24683584 kB', 'MemAvailable:   23854072 kB']],
      ['/proc/42/status', ['Name:\tllama-server']],
      [PCI_TEMP, ['45000']],
    ]),
  },
  {
    files: new Map([
      ['/proc/uptime', ['1979.65 2342.78']],
      ['/proc/meminfo', ['MemTotal:       24683584 kB']],
    ]),
    gpu: [
      '2026/08/21 07:00:00.123, 0, NVIDIA H100, 97, 40',
      '2026/08/21 07:00:00.623, 0, NVIDIA H100, 98, 41',
    ],
  },
];

describe('HostFrameReader', () => {
  it('reads whole frames from one chunk: content with ":" kept, a path with ":" found by the known paths', () => {
    const reader = new HostFrameReader(PATHS);
    assert.deepEqual(reader.push(TEXT), expected);
  });

  it('gives the same frames whatever the chunk boundaries', () => {
    const cuts = [
      TEXT.indexOf('@@end') + 3, // "@@en" | "d\n"
      TEXT.indexOf('@@end') + 5, // "@@end" | "\n"
      TEXT.indexOf('0000:03') + 2, // inside the path with colons
      TEXT.indexOf('@@gpu') + 2,
      TEXT.indexOf('@@frame', 10) + 7, // "@@frame" | "\n"
    ];
    for (const cut of cuts) {
      const reader = new HostFrameReader(PATHS);
      const frames = [...reader.push(TEXT.slice(0, cut)), ...reader.push(TEXT.slice(cut))];
      assert.deepEqual(frames, expected, `cut at ${cut}`);
    }
    const reader = new HostFrameReader(PATHS);
    const frames = [...TEXT].flatMap((char) => reader.push(char));
    assert.deepEqual(frames, expected, 'one character at a time');
  });

  it('returns a frame only once its @@end arrived, and only once', () => {
    const reader = new HostFrameReader(PATHS);
    assert.deepEqual(reader.push(`${FRAME_1}\n@@frame\n/proc/uptime:1979.65 2342.78\n`), [expected[0]]);
    assert.deepEqual(reader.push('/proc/meminfo:MemTotal:       24683584 kB\n@@gpu\n'), []);
    const [second] = reader.push(
      '2026/08/21 07:00:00.123, 0, NVIDIA H100, 97, 40\n2026/08/21 07:00:00.623, 0, NVIDIA H100, 98, 41\n@@end\n',
    );
    assert.deepEqual(second, expected[1]);
    assert.deepEqual(reader.push(''), []);
  });

  it('ignores what comes before a frame starts (a login banner, a shell warning)', () => {
    const reader = new HostFrameReader(PATHS);
    assert.deepEqual(reader.push(`Welcome to the host\nsh: warning: x\n${FRAME_1}\n`), [expected[0]]);
  });

  it('drops a frame cut short (the sampler restarted mid-frame) and keeps the next whole one', () => {
    const reader = new HostFrameReader(PATHS);
    const cut = '@@frame\n/proc/uptime:1977.00 2342.00\n/proc/meminfo:MemTot';
    assert.deepEqual(reader.push(`${cut}\n${FRAME_1}\n`), [expected[0]]);
  });

  it('gives an empty GPU list for a "@@gpu" with nothing after it', () => {
    const reader = new HostFrameReader(PATHS);
    const [frame] = reader.push('@@frame\n/proc/uptime:1 1\n@@gpu\n@@end\n');
    assert.deepEqual(frame, { files: new Map([['/proc/uptime', ['1 1']]]), gpu: [] });
  });

  it('drops lines of files it was not asked for', () => {
    const reader = new HostFrameReader(['/proc/uptime']);
    const [frame] = reader.push('@@frame\n/proc/uptime:1 1\n/etc/other:x\nno colon\n@@end\n');
    assert.deepEqual(frame, { files: new Map([['/proc/uptime', ['1 1']]]) });
  });
});

describe('splitGrepLines', () => {
  it('without known paths splits at the first ":"', () => {
    assert.deepEqual(
      splitGrepLines(['/proc/1/cgroup:0::/', '/proc/1/cgroup:1:cpu:/a', '/a:', 'junk']),
      new Map([
        ['/proc/1/cgroup', ['0::/', '1:cpu:/a']],
        ['/a', ['']],
      ]),
    );
  });

  it('with known paths takes the prefix that is a known path', () => {
    assert.deepEqual(
      splitGrepLines([`${PCI_TEMP}:45000`, '/proc/meminfo:MemFree: 1 kB'], new Set(PATHS)),
      new Map([
        [PCI_TEMP, ['45000']],
        ['/proc/meminfo', ['MemFree: 1 kB']],
      ]),
    );
  });
});
