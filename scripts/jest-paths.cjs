// Maps the tsconfig.base.json path aliases (@phonghop/*) for jest, so specs import libs as the apps do.
const { join } = require('node:path');
const { paths } = require('../tsconfig.base.json').compilerOptions;

exports.pathsToModuleNameMapper = () =>
  Object.fromEntries(Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, join(__dirname, '..', target)]));
