import type { Logger } from '@inkstream/observability';
import type { ConsumerListener, MessageRef } from './consumer-events';
import { errorMessage } from './errors';

/** The consumer's log lines, as a subscriber: one structured line per decision, with the message's coordinates. */
export function consumerLog(logger: Logger, group: string): ConsumerListener {
  const at = ({ topic, partition, offset, traceId }: MessageRef) => ({ topic, partition, offset, traceId });
  return (event) => {
    switch (event.type) {
      case 'retried':
        logger.warn(
          { ...at(event.message), err: errorMessage(event.error), attempt: event.attempt },
          'transient failure, retrying',
        );
        return;
      case 'held':
        logger.warn(
          { ...at(event.message), err: errorMessage(event.error), waits: event.holds },
          'dependency unavailable, partition waiting',
        );
        return;
      case 'dead-lettered': {
        const fields = {
          ...at(event.message),
          err: errorMessage(event.error),
          attempt: event.attempts,
          kind: event.kind,
        };
        if (event.payloadDropped) logger.error(fields, 'dead letter refused with its payload, sent without it');
        if (event.kind === 'invalid-output')
          logger.error(
            { ...fields, bug: true },
            `BUG in ${group}: it built an output that fails its own schema (the input is not at fault); dead-lettered as invalid-output`,
          );
        else if (event.kind === 'retries-exhausted') logger.error(fields, 'retries exhausted, dead-lettered');
        else logger.warn(fields, `${event.kind}, dead-lettered`);
        return;
      }
      case 'dead-letter-waiting':
        logger.error(
          { ...at(event.message), err: errorMessage(event.error) },
          'dead-letter topic unavailable, waiting',
        );
        return;
      case 'joined':
        logger.info({ group, memberId: event.memberId, leader: event.leader }, 'consumer joined its group');
        return;
      case 'rebalancing':
        logger.info({ group }, 'consumer group rebalancing');
        return;
      case 'crashed':
        logger.error({ group, err: errorMessage(event.error), restarting: event.restarting }, 'consumer crashed');
        return;
      case 'stopped':
        logger.info({ group }, 'consumer stopped');
        return;
      default:
        return;
    }
  };
}
