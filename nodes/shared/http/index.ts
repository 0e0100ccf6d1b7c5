export * from './failure';
export * from './pacer';
export * from './redirects';
export * from './request';
export * from './retryPolicy';
