export * from './errors';
export * from './http';
export * from './items';
export * from './paging';
