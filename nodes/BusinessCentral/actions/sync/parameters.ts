import { syncParameters as syncParametersFor } from '../../../shared/sync/parameters';
import { BUSINESS_CENTRAL } from '../../adapter/vocabulary';

/** The engine's sync parameters, in Business Central's words. */
export const syncParameters = syncParametersFor(BUSINESS_CENTRAL);
