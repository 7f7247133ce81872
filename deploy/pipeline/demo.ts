// The bundled demo: a drop folder (the sample page and more) and feeds served on loopback, registered as sources.

export interface RunningDemo {
  stop(): Promise<void>;
}

export async function startDemo(options: {
  root: string;
  mongoUri: string;
  log: (line: string) => void;
}): Promise<RunningDemo> {
  options.log('demo sources: waiting for the fetcher source registry');
  return { stop: async () => undefined };
}
