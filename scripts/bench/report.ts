/**
 * Markdown tables from paired samples: medians with (min–max), ratios and differences taken
 * within each pair, and the targets with met / missed.
 */
import type { BundleSize } from './build.js';
import type { ColdSample, Measured, WarmSample } from './pairs.js';
import { formatSummary, summarise } from './stats.js';
import type { Summary } from './stats.js';

/** One target line: what was measured against what was promised. */
type Target = {
  readonly name: string;
  readonly limit: string;
  readonly measured: string;
  readonly met: boolean;
};

const mib = (kb: number | undefined): number => (kb ?? 0) / 1024;
const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[]): string =>
  `${row(cells)}\n${row(cells.map(() => '---'))}`;

function of<T>(samples: readonly T[], pick: (sample: T) => number | undefined): Summary {
  return summarise(
    samples
      .map(pick)
      .filter((value): value is number => value !== undefined && Number.isFinite(value)),
  );
}

/** Paired figures of the cold runs. */
function coldFigures(samples: readonly ColdSample[]) {
  return {
    ratio: of(samples, (s) => s.subject.wallMs / s.floor.wallMs),
    over: of(samples, (s) => s.subject.wallMs - s.floor.wallMs),
    rssRatio: of(
      samples,
      (s) => (s.subject.result?.maxRssKb ?? 0) / (s.floor.result?.maxRssKb ?? 1),
    ),
  };
}

/** Paired figures of the warm runs. */
function warmFigures(samples: readonly WarmSample[]) {
  return {
    over: of(samples, (s) => (s.subject.result?.meanUs ?? 0) - (s.floor.result?.meanUs ?? 0)),
    rssRatio: of(
      samples,
      (s) => (s.subject.result?.maxRssKb ?? 0) / (s.floor.result?.maxRssKb ?? 1),
    ),
  };
}

function coldRow(
  label: string,
  runs: readonly (Measured | ColdSample['bare'])[],
  paired: readonly string[],
): string {
  return row([
    label,
    formatSummary(of(runs, (r) => r.wallMs)),
    paired[0] ?? '',
    paired[1] ?? '',
    formatSummary(
      of(runs, (r) => mib(r.result?.maxRssKb)),
      1,
    ),
    paired[2] ?? '',
    formatSummary(
      of(runs, (r) => r.result?.importMs),
      1,
    ),
    formatSummary(
      of(runs, (r) => r.result?.firstEventMs),
      1,
    ),
  ]);
}

/**
 * The cold table of one scenario.
 * @example
 * process.stdout.write(coldTable('crkit no-op', samples));
 */
function coldTable(
  subjectLabel: string,
  floorLabel: string,
  samples: readonly ColdSample[],
): string {
  const figures = coldFigures(samples);
  const lines = [
    header([
      'process',
      'wall ms',
      '÷ floor (paired)',
      'over floor ms (paired)',
      'peak RSS MiB',
      'RSS ÷ floor (paired)',
      'import ms',
      '1st event ms',
    ]),
    coldRow(
      "`node -e ''`",
      samples.map((s) => s.bare),
      ['', '', ''],
    ),
    coldRow(
      floorLabel,
      samples.map((s) => s.floor),
      ['1', '0', '1'],
    ),
    coldRow(
      subjectLabel,
      samples.map((s) => s.subject),
      [
        formatSummary(figures.ratio, 2),
        formatSummary(figures.over),
        formatSummary(figures.rssRatio, 2),
      ],
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function warmRow(label: string, runs: readonly Measured[], paired: readonly string[]): string {
  return row([
    label,
    formatSummary(of(runs, (r) => r.result?.meanUs)),
    paired[0] ?? '',
    formatSummary(of(runs, (r) => r.result?.p50Us)),
    formatSummary(of(runs, (r) => r.result?.p99Us)),
    formatSummary(of(runs, (r) => r.result?.cpuUsPerEvent)),
    formatSummary(of(runs, (r) => r.tlsConnections)),
    formatSummary(
      of(runs, (r) => mib(r.result?.maxRssKb)),
      1,
    ),
    paired[1] ?? '',
    formatSummary(of(runs, (r) => r.stdoutBytes / (r.result?.events ?? 1))),
  ]);
}

/**
 * The warm table of one scenario.
 * @example
 * process.stdout.write(warmTable('crkit no-op', 'floor', samples));
 */
function warmTable(
  subjectLabel: string,
  floorLabel: string,
  samples: readonly WarmSample[],
): string {
  const figures = warmFigures(samples);
  const lines = [
    header([
      'process',
      'mean µs/event',
      'over floor µs (paired)',
      'p50 µs',
      'p99 µs',
      'CPU µs/event',
      'TLS connections',
      'peak RSS MiB',
      'RSS ÷ floor (paired)',
      'log bytes/event',
    ]),
    warmRow(
      floorLabel,
      samples.map((s) => s.floor),
      ['0', '1'],
    ),
    warmRow(
      subjectLabel,
      samples.map((s) => s.subject),
      [formatSummary(figures.over), formatSummary(figures.rssRatio, 2)],
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The size table.
 * @example
 * sizeTable({ noop: size })
 */
function sizeTable(sizes: Readonly<Record<string, BundleSize>>): string {
  const lines = [
    header(['bundle', 'handler.mjs bytes', 'all .mjs bytes (files)', 'handler.zip bytes']),
  ];
  for (const [name, size] of Object.entries(sizes)) {
    lines.push(
      row([
        name,
        String(size.entryBytes),
        `${size.allBytes} (${size.files})`,
        String(size.zipBytes ?? '–'),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The targets table.
 * @example
 * targetTable([{ name: '(a) cold', limit: '≤ 1.10× floor', measured: '1.04', met: true }])
 */
function targetTable(targets: readonly Target[]): string {
  const lines = [header(['target', 'limit', 'measured (median, paired)', 'met'])];
  for (const target of targets)
    lines.push(row([target.name, target.limit, target.measured, target.met ? 'yes' : '**no**']));
  return `${lines.join('\n')}\n`;
}

export { coldFigures, coldTable, sizeTable, targetTable, warmFigures, warmTable };
export type { Target };
