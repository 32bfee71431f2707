// Who made an API request, as the key check found it: shared by the key check and the request log.
import type { ApiRequest } from '@sapphire/plugin-api';

/** `api-key-2`, never the key itself. */
export const apiCallers = new WeakMap<ApiRequest, string>();
