import { parsePipelineBenchArgs } from './bench-pipeline-options';

describe('bench:pipeline options', () => {
  it("default to issue 21's run: both corpus shapes, a window after 10,000 and after 100,000 stored", () => {
    const options = parsePipelineBenchArgs([]);
    expect(options).toEqual(
      expect.objectContaining({ levels: [10_000, 100_000], shapes: ['stream', 'distinct'], relay: true, write: true }),
    );
  });

  it('take each option as "--flag value" or "--flag=value", and run small for CI or a dev', () => {
    const options = parsePipelineBenchArgs(['--levels', '500,2000', '--window=300', '--shape', 'stream', '--no-relay']);
    expect(options).toEqual(
      expect.objectContaining({ levels: [500, 2000], window: 300, shapes: ['stream'], relay: false }),
    );
    expect(parsePipelineBenchArgs(['--quick'])).toEqual(
      expect.objectContaining({ levels: [500, 1500], window: 300, shapes: ['stream', 'distinct'] }),
    );
    expect(parsePipelineBenchArgs(['--shape=both', '--seconds', '0']).seconds).toBe(0);
  });

  it('refuse what it cannot run, naming the option', () => {
    expect(() => parsePipelineBenchArgs(['--fill', '20000'])).toThrow('unknown option --fill');
    expect(() => parsePipelineBenchArgs(['--levels', '100000,10000'])).toThrow('expected increasing store sizes');
    expect(() => parsePipelineBenchArgs(['--levels', 'many'])).toThrow('--levels many');
    expect(() => parsePipelineBenchArgs(['--shape', 'wire'])).toThrow(
      '--shape wire: expected distinct, stream or both',
    );
    expect(() => parsePipelineBenchArgs(['--window', '0'])).toThrow('--window 0');
  });
});
