import { motionsByItem, numberedAgenda } from './vote-agenda';

describe('voting agenda', () => {
  const agenda = [
    { id: 'b', parentId: null, title: 'Hai', position: 2 },
    { id: 'a', parentId: null, title: 'Một', position: 1 },
    { id: 'a2', parentId: 'a', title: 'Một hai', position: 2 },
    { id: 'a1', parentId: 'a', title: 'Một một', position: 1 },
  ];

  it('numbers items 1, 1.1, 2 in reading order', () => {
    expect(numberedAgenda(agenda).map((i) => `${i.number} ${i.title}`)).toEqual(['1 Một', '1.1 Một một', '1.2 Một hai', '2 Hai']);
  });

  it('groups motions under their items, loose ones last', () => {
    const groups = motionsByItem(
      [
        { id: 'm1', itemId: 'b' },
        { id: 'm2', itemId: null },
        { id: 'm3', itemId: 'a1' },
        { id: 'm4', itemId: 'gone' },
      ],
      numberedAgenda(agenda),
    );
    expect(groups.map((g) => [g.item?.number ?? null, g.motions.map((m) => m.id)])).toEqual([
      ['1.1', ['m3']],
      ['2', ['m1']],
      [null, ['m2', 'm4']],
    ]);
  });
});
