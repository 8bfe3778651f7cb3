import { pageAtScroll, swipeTurn, turnForKey, turnTarget } from './page-turn';

describe('turnTarget', () => {
  it('steps, jumps to the ends and stops at them', () => {
    expect(turnTarget('next', 2, 4)).toBe(3);
    expect(turnTarget('prev', 2, 4)).toBe(1);
    expect(turnTarget('first', 3, 4)).toBe(1);
    expect(turnTarget('last', 1, 4)).toBe(4);
    expect(turnTarget('next', 4, 4)).toBeNull();
    expect(turnTarget('prev', 1, 4)).toBeNull();
    expect(turnTarget('first', 1, 4)).toBeNull();
    expect(turnTarget('next', 1, 0)).toBeNull();
  });
});

describe('turnForKey', () => {
  it('maps the page keys, and the arrows while the page fits the width', () => {
    expect(['PageDown', 'PageUp', 'Home', 'End', 'ArrowRight', 'ArrowLeft'].map((k) => turnForKey(k, false))).toEqual([
      'next',
      'prev',
      'first',
      'last',
      'next',
      'prev',
    ]);
    expect(turnForKey(' ', false)).toBeNull();
    expect(turnForKey('ArrowDown', false)).toBeNull();
  });

  it('leaves the arrows to sideways scrolling when zoomed in', () => {
    expect(turnForKey('ArrowRight', true)).toBeNull();
    expect(turnForKey('ArrowLeft', true)).toBeNull();
    expect(turnForKey('PageDown', true)).toBe('next');
  });
});

describe('swipeTurn', () => {
  it('turns forward on a quick right-to-left swipe and back the other way', () => {
    expect(swipeTurn(-200, 10, 200)).toBe('next');
    expect(swipeTurn(150, -20, 300)).toBe('prev');
  });

  it('ignores short, slow or mostly vertical movements', () => {
    expect(swipeTurn(-40, 0, 100)).toBeNull();
    expect(swipeTurn(-200, 0, 1500)).toBeNull();
    expect(swipeTurn(-120, 90, 200)).toBeNull();
    expect(swipeTurn(0, 300, 200)).toBeNull();
  });
});

describe('pageAtScroll', () => {
  // Four pages 1000 px tall with 16 px gaps, 16 px padding above and 48 below.
  const tops = [16, 1032, 2048, 3064];
  const height = 3064 + 1000 + 48;

  it('reads the page under the line a third of the way down', () => {
    expect(pageAtScroll(tops, 0, 600, height)).toBe(1);
    expect(pageAtScroll(tops, 1024, 600, height)).toBe(2);
    expect(pageAtScroll(tops, 1900, 600, height)).toBe(3);
  });

  it('counts the last page at the very end even when its top never reaches the line', () => {
    // Short pages: at the end, pages 3 and 4 share the view.
    const small = [16, 416, 816, 1216];
    const end = 1216 + 380 + 48;
    expect(pageAtScroll(small, end - 900, 900, end)).toBe(4);
    expect(pageAtScroll(small, end - 900 - 50, 900, end)).toBe(3);
  });

  it('says page 1 for an empty document', () => {
    expect(pageAtScroll([], 0, 600, 600)).toBe(1);
  });
});
