export * from './pdf-checks';
export * from './softhsm';
export * from './test-pki';
export * from './test-tsa';
