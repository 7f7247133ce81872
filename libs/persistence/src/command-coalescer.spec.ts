import { CommandCoalescer } from './command-coalescer';

/** A command that answers when told to, recording what each call carried. */
function controlledCommand() {
  const calls: number[][] = [];
  const gates: Array<() => void> = [];
  const run = async (requests: readonly number[]) => {
    calls.push([...requests]);
    await new Promise<void>((open) => gates.push(open));
    if (requests.includes(13)) throw new Error(`refused ${requests.join(',')}`);
    return requests.map((request) => request * 10);
  };
  const openAll = async () => {
    for (let round = 0; round < 20; round += 1) {
      gates.splice(0).forEach((open) => open());
      await new Promise((settled) => setImmediate(settled));
    }
  };
  return { calls, run, openAll };
}

describe('CommandCoalescer', () => {
  it('sends a lone request at once, and what arrives while a command is in flight as one next command', async () => {
    const command = controlledCommand();
    const coalescer = new CommandCoalescer(command.run);
    const first = coalescer.submit(1);
    const rest = [2, 3, 4].map((request) => coalescer.submit(request));
    expect(command.calls).toEqual([[1]]);
    await command.openAll();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(command.calls).toEqual([[1], [2, 3, 4]]);
  });

  it('caps the requests of one command', async () => {
    const command = controlledCommand();
    const coalescer = new CommandCoalescer(command.run, { maxRequests: 2 });
    const results = [1, 2, 3, 4, 5].map((request) => coalescer.submit(request));
    await command.openAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(command.calls).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('runs each request alone when the combined command fails, so only the bad one fails', async () => {
    const command = controlledCommand();
    const coalescer = new CommandCoalescer(command.run);
    const settled = Promise.allSettled([1, 2, 13].map((request) => coalescer.submit(request)));
    await command.openAll();
    expect(await settled).toEqual([
      { status: 'fulfilled', value: 10 },
      { status: 'fulfilled', value: 20 },
      { status: 'rejected', reason: new Error('refused 13') },
    ]);
    expect(command.calls).toEqual([[1], [2, 13], [2], [13]]);
  });

  it('gives every caller at once an error no request escapes alone (an outage), without running each alone', async () => {
    const command = controlledCommand();
    const coalescer = new CommandCoalescer(command.run, { failsEveryone: (error) => String(error).includes('13') });
    const settled = Promise.allSettled([1, 2, 13].map((request) => coalescer.submit(request)));
    await command.openAll();
    expect((await settled).map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(command.calls).toEqual([[1], [2, 13]]);
  });

  it('fails every caller of a command that answers the wrong number of requests', async () => {
    const coalescer = new CommandCoalescer(async (requests: readonly number[]) => requests.slice(1));
    await expect(coalescer.submit(1)).rejects.toThrow('0 results for 1 requests');
  });
});
