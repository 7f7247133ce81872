import {
  allowAllRobots,
  checkFetchTarget,
  crawlDelaySeconds,
  disallowAllRobots,
  isAllowed,
  parseRobots,
  type RobotsPolicy,
} from '@inkstream/feeds';
import type { FetchPolicies } from '@inkstream/fetching';

/** libs/feeds' SSRF guard and robots.txt rules, plugged into the platform HTTP client (which may not import them). */
export const feedsFetchPolicies: FetchPolicies<RobotsPolicy> = {
  checkTarget: checkFetchTarget,
  robots: {
    parse: parseRobots,
    allowAll: allowAllRobots,
    disallowAll: disallowAllRobots,
    isAllowed,
    crawlDelaySeconds,
  },
};
