// One hop of the benchmark's relay: the ceiling Kafka and the database impose on the pipeline. It consumes a topic
// and forwards every message unchanged to the next topic (one produce request per fetched batch, acks from all
// replicas, idempotent, gzip: the settings of the pipeline's producer), with no decoding and no domain work. The
// store hop also upserts each message into MongoDB by key (one bulk write per batch) before forwarding, as the
// store writes every article. Run as its own process, like the service it stands in for:
//
//   node -r @swc-node/register relay.ts <brokers> <from-topic> <to-topic> <group> [<mongodb-uri>]
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';

async function main(): Promise<void> {
  const [brokers, from, to, group, mongoUri] = process.argv.slice(2);
  if (!brokers || !from || !to || !group)
    throw new Error('usage: relay.ts <brokers> <from> <to> <group> [<mongodb-uri>]');
  const kafka = new Kafka({ clientId: `relay-${group}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false, maxBytesPerPartition: 1_048_576 });
  const client = mongoUri ? await new mongoose.mongo.MongoClient(mongoUri).connect() : null;
  const collection = client?.db().collection<{ _id: string; value: string }>('relay_articles');
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: from, fromBeginning: true });
  await consumer.run({
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, heartbeat }) => {
      if (batch.messages.length === 0) return;
      if (collection) {
        await collection.bulkWrite(
          batch.messages.map((message) => ({
            updateOne: {
              filter: { _id: message.key?.toString() ?? message.offset },
              update: { $set: { value: message.value?.toString() ?? '' } },
              upsert: true,
            },
          })),
          { ordered: false },
        );
      }
      await producer.send({
        topic: to,
        acks: -1,
        compression: CompressionTypes.GZIP,
        messages: batch.messages.map(({ key, value, headers }) => ({ key, value, headers })),
      });
      await heartbeat();
    },
  });
  const stop = async () => {
    await consumer.disconnect();
    await producer.disconnect();
    await client?.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((error: Error) => {
  console.error(`relay: ${error.message}`);
  process.exit(1);
});
