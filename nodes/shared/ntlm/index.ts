export * from './errors';
export { accountName, accountOf } from './messages';
export * from './transport';
