import type { WebSubLinks } from '@inkstream/feeds';
import type { RunContext } from '../run-context';

/** What a feed poll saw advertised for WebSub: the response's Link headers and the document's own links. */
export interface AdvertisedWebSub {
  linkHeader: string | null;
  /** the URL the feed answered from (the topic when the publisher names none) */
  fetchedUrl: string;
  /** null when the poll had no document (304) */
  document: WebSubLinks | null;
}

/** WebSub's part in a feed poll: subscribe where a hub is advertised, and say how long polling may rest. */
export interface WebSubPollHook {
  /** the earliest next poll while a lease holds, else null; never throws (WebSub trouble must not fail a poll) */
  afterPoll(context: RunContext, advertised: AdvertisedWebSub): Promise<Date | null>;
}
