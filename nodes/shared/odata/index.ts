export * from './values';
export * from './query';
export * from './batch';
export * from './client';
