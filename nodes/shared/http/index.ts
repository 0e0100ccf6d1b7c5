export * from './failure';
export * from './pacer';
export * from './request';
export * from './retryPolicy';
