// `npm run bench:pipeline`'s options (bench-pipeline.ts): what to run, and how small.
export type Shape = 'distinct' | 'stream';

export interface Options {
  warm: number;
  /** Store sizes the window is measured after, increasing; the store is filled fast up to each. */
  levels: number[];
  window: number;
  rate: number;
  /** Seconds of offered load for the latency window; 0 skips it. */
  seconds: number;
  relay: boolean;
  partitions: number;
  write: boolean;
  /** `distinct`: originals share no sentence (corpus.ts); `stream`: shaped like real news (stream-corpus.ts). */
  shapes: Shape[];
}

const USAGE =
  '--levels N,N --window N --warm N --rate N --seconds N --no-relay --partitions N ' +
  '--shape distinct|stream|both --quick --no-write';

export function parsePipelineBenchArgs(argv: string[]): Options {
  const options: Options = {
    warm: 500,
    levels: [10_000, 100_000],
    window: 2000,
    rate: 25,
    seconds: 60,
    relay: true,
    partitions: 6,
    write: true,
    shapes: ['stream', 'distinct'],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split('=');
    const text = () => inline ?? argv[++i];
    const count = (minimum: number) => {
      const raw = text();
      const parsed = Number(raw);
      if (!Number.isSafeInteger(parsed) || parsed < minimum) {
        throw new Error(`${flag} ${raw}: expected an integer of at least ${minimum}`);
      }
      return parsed;
    };
    if (flag === '--warm') options.warm = count(1);
    else if (flag === '--levels') {
      const raw = text();
      options.levels = raw.split(',').map((level) => {
        const parsed = Number(level);
        if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`--levels ${raw}: expected store sizes`);
        return parsed;
      });
    } else if (flag === '--window') options.window = count(10);
    else if (flag === '--rate') options.rate = count(1);
    else if (flag === '--seconds') options.seconds = count(0);
    else if (flag === '--no-relay') options.relay = false;
    else if (flag === '--partitions') options.partitions = count(1);
    else if (flag === '--no-write') options.write = false;
    else if (flag === '--shape') {
      const shape = text();
      if (shape === 'both') options.shapes = ['stream', 'distinct'];
      else if (shape === 'distinct' || shape === 'stream') options.shapes = [shape];
      else throw new Error(`--shape ${shape}: expected distinct, stream or both`);
    } else if (flag === '--quick') Object.assign(options, { warm: 200, levels: [500, 1500], window: 300, seconds: 20 });
    else throw new Error(`unknown option ${argv[i]} (${USAGE})`);
  }
  if (options.levels.length === 0 || options.levels.some((level, i) => i > 0 && level <= options.levels[i - 1])) {
    throw new Error(`--levels ${options.levels.join(',')}: expected increasing store sizes`);
  }
  return options;
}
