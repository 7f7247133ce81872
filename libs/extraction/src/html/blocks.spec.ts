import { textBlocks } from './blocks';
import { elementsOf, parseHtml } from './dom';

function hintsOf(html: string): number[] {
  const body = elementsOf(parseHtml(html), (el) => el.name === 'body')[0];
  return textBlocks(body).map((block) => block.hinted.length);
}

describe('textBlocks class hints', () => {
  it('marks blocks under furniture classes', () => {
    expect(
      hintsOf('<body><div class="sidebar"><p>Archive</p></div><div class="comments"><p>Hi</p></div></body>'),
    ).toEqual([1, 1]);
  });

  it('marks author profiles and community (comment) sections', () => {
    expect(
      hintsOf(
        '<body><div class="sect_profile-descr"><p>Writes for us</p></div><div class="community"><p>Hi</p></div></body>',
      ),
    ).toEqual([1, 1]);
  });

  it('does not mark a layout wrapper named for the furniture it has beside the article', () => {
    const html =
      '<body><div class="content-has-sidebar"><p>Story</p></div><div class="layout with-comments"><p>More</p></div></body>';
    expect(hintsOf(html)).toEqual([0, 0]);
  });
});
