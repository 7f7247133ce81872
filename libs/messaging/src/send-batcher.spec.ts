import { SendBatcher, type OutgoingRecords } from './send-batcher';

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('SendBatcher', () => {
  it('sends a lone record at once and coalesces what arrives while a request is in flight', async () => {
    const requests: Array<ReadonlyArray<OutgoingRecords<string>>> = [];
    const gate = deferred();
    const batcher = new SendBatcher<string>(
      async (batch) => {
        requests.push(batch);
        if (requests.length === 1) await gate.promise;
      },
      (record) => record.length,
      { maxBytes: 1000 },
    );
    const first = batcher.send('a', ['1']);
    const rest = [batcher.send('a', ['2']), batcher.send('b', ['3', '4']), batcher.send('a', ['5'])];
    gate.release();
    await Promise.all([first, ...rest]);
    expect(requests.map((batch) => batch.map(({ topic, records }) => `${topic}:${records.join('')}`))).toEqual([
      ['a:1'],
      ['a:2', 'b:34', 'a:5'],
    ]);
  });

  it('keeps each request under the byte limit (a record over it travels alone)', async () => {
    const requests: string[][] = [];
    const gate = deferred();
    const batcher = new SendBatcher<string>(
      async (batch) => {
        requests.push(batch.flatMap(({ records }) => records));
        if (requests.length === 1) await gate.promise;
      },
      (record) => record.length,
      { maxBytes: 10 },
    );
    const sends = [
      batcher.send('t', ['x']),
      batcher.send('t', ['aaaaaa']),
      batcher.send('t', ['bbbbbb']),
      batcher.send('t', ['cccccccccccc']),
    ];
    gate.release();
    await Promise.all(sends);
    expect(requests).toEqual([['x'], ['aaaaaa'], ['bbbbbb'], ['cccccccccccc']]);
  });

  it('when a combined request fails, retries each caller alone: only the poison record fails', async () => {
    const gate = deferred();
    let calls = 0;
    const batcher = new SendBatcher<string>(
      async (batch) => {
        calls += 1;
        if (calls === 1) await gate.promise;
        if (batch.some(({ records }) => records.includes('poison'))) throw new Error('MESSAGE_TOO_LARGE');
      },
      () => 1,
      { maxBytes: 100 },
    );
    const first = batcher.send('t', ['ok-0']);
    const good = batcher.send('t', ['ok-1']);
    const bad = batcher.send('t', ['poison']);
    const after = batcher.send('u', ['ok-2']);
    gate.release();
    await expect(first).resolves.toBeUndefined();
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('MESSAGE_TOO_LARGE');
    await expect(after).resolves.toBeUndefined();
  });

  it('cuts one caller larger than a request into consecutive bounded requests, in order', async () => {
    const requests: string[][] = [];
    const batcher = new SendBatcher<string>(
      async (batch) => void requests.push(batch.flatMap(({ records }) => records)),
      (record) => record.length,
      { maxBytes: 4 },
    );
    // 10,000 small documents of one poll: never one request the broker would refuse as too large
    await batcher.send('t', ['aa', 'bb', 'cc', 'dddddd', 'e', 'f', 'g']);
    expect(requests).toEqual([['aa', 'bb'], ['cc'], ['dddddd'], ['e', 'f', 'g']]);
    expect(requests.every((request) => request.join('').length <= 4 || request.length === 1)).toBe(true);
  });

  it('fails the caller when one of its parts fails', async () => {
    const batcher = new SendBatcher<string>(
      async (batch) => {
        if (batch.some(({ records }) => records.includes('poison'))) throw new Error('MESSAGE_TOO_LARGE');
      },
      (record) => record.length,
      { maxBytes: 6 },
    );
    await expect(batcher.send('t', ['ok', 'poison', 'ok'])).rejects.toThrow('MESSAGE_TOO_LARGE');
    await expect(batcher.send('t', ['ok'])).resolves.toBeUndefined();
  });
});
