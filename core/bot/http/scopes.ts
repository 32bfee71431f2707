// What an API key may do: `read` (GET routes), `write` (the other methods), `admin` (logs, key management).
export const scopes = ['read', 'write', 'admin'] as const;
export type Scope = (typeof scopes)[number];
