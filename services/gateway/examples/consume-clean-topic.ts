// Example downstream consumer of news.clean.v1, the topic every clean article is published on.
//   KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register services/gateway/examples/consume-clean-topic.ts
// Run it with your own consumer group: Kafka then remembers your position, and N copies with the same group share
// the partitions between them.
import { decodeMessage, Topics, withPrefix, type CleanArticle } from '@inkstream/contracts';
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = withPrefix(process.env.KAFKA_TOPIC_PREFIX ?? '', Topics.cleanArticles);
const groupId = process.env.GROUP_ID ?? 'example-clean-article-reader';

/**
 * Delivery is at least once and an article is republished whenever it changes (a new duplicate, a correction), so
 * keep the highest `version` seen per id and ignore anything not newer. A real consumer keeps this in its own store.
 */
const latestVersion = new Map<string, number>();

function handle(article: CleanArticle): void {
  if ((latestVersion.get(article.id) ?? 0) >= article.version) return;
  latestVersion.set(article.id, article.version);
  const entities = article.entities.slice(0, 3).map((entity) => entity.name);
  console.log(`${article.storedAt} [${article.language}] ${article.source.name}: ${article.title}`, entities);
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'example-clean-consumer', brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      try {
        // Validates against the published schema: a message this code does not understand is reported, not guessed.
        handle(decodeMessage(Topics.cleanArticles, message.value));
      } catch (error) {
        console.error(`skipping ${topic}/${partition}@${message.offset}: ${(error as Error).message}`);
      }
    },
  });
  const stop = () => void consumer.disconnect().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
