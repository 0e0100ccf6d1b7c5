export * from './token';
export * from './preAuthentication';
