export { GpClient } from './client';
export { GpRequestError } from './errors';
export { CREDENTIAL_TYPE, GpSettingsError } from './settings';
