export { ADMIN_ROUTES } from './lib/admin.routes';
export { visibleRows, allUnits, countSites, subtreeIds, unitOptions, suggestChildKind } from './lib/units/unit-tree';
export type { UnitTreeRow, UnitOption } from './lib/units/unit-tree';
