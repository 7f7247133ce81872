import { ConfigError } from '@inkstream/config';
import { loadStoreConfig } from './store-config';

describe('loadStoreConfig', () => {
  it('searches the story by default, the whole body when asked', () => {
    expect(loadStoreConfig({}).ARTICLE_SEARCH_SCOPE).toBe('story');
    expect(loadStoreConfig({ ARTICLE_SEARCH_SCOPE: 'body' }).ARTICLE_SEARCH_SCOPE).toBe('body');
  });

  it('names the variable and the choices when the scope is not one', () => {
    expect(() => loadStoreConfig({ ARTICLE_SEARCH_SCOPE: 'full' })).toThrow(ConfigError);
    expect(() => loadStoreConfig({ ARTICLE_SEARCH_SCOPE: 'full' })).toThrow(
      /ARTICLE_SEARCH_SCOPE: must be one of story, body/,
    );
  });
});
