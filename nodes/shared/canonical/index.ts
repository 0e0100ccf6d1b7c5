export * from './schemas';
export * from './fromServiceTitan';
