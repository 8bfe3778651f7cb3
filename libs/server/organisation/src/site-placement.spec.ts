import type { ConferenceSiteDto } from '@phonghop/contracts';
import { type PlacementUnit, placeSites } from './site-placement';

const unit = (id: string, parentId: string | null, kind: string, sortOrder: number): PlacementUnit => ({ id, parentId, name: `UBND ${id}`, kind, sortOrder });
const site = (id: string, unitId: string): ConferenceSiteDto => ({ id, unitId, name: `Điểm cầu ${id}`, location: null, isHost: false, disabled: false });

describe('placeSites', () => {
  const units = [
    unit('tinh', null, 'province', 0),
    unit('huyen-b', 'tinh', 'district', 2),
    unit('huyen-a', 'tinh', 'district', 1),
    unit('xa-a2', 'huyen-a', 'commune', 2),
    unit('xa-a1', 'huyen-a', 'commune', 1),
    unit('xa-b1', 'huyen-b', 'commune', 1),
  ];

  it('gives each site its path from the root and orders them as the tree: a district, then its communes', () => {
    const placed = placeSites(units, [site('b1', 'xa-b1'), site('a2', 'xa-a2'), site('hb', 'huyen-b'), site('t', 'tinh'), site('a1', 'xa-a1'), site('ha', 'huyen-a')]);
    expect(placed.map((s) => s.id)).toEqual(['t', 'ha', 'a1', 'a2', 'hb', 'b1']);
    expect(placed[2]).toMatchObject({ unitName: 'UBND xa-a1', unitKind: 'commune' });
    expect(placed[2].unitPath.map((u) => u.id)).toEqual(['tinh', 'huyen-a', 'xa-a1']);
  });

  it('survives a unit missing from the list and a parent cycle in the data', () => {
    const cyclic = [unit('x', 'y', 'district', 0), unit('y', 'x', 'district', 0)];
    const placed = placeSites(cyclic, [site('lost', 'nowhere'), site('loop', 'x')]);
    expect(placed.find((s) => s.id === 'lost')).toMatchObject({ unitName: '', unitKind: 'other', unitPath: [] });
    expect(placed.find((s) => s.id === 'loop')?.unitPath.length).toBeLessThanOrEqual(16);
  });
});
