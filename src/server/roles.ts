/** Account roles, from the widest area to the narrowest. */
export const ROLES = Object.freeze(['admin', 'county', 'township', 'village'] as const);
export type Role = (typeof ROLES)[number];

/** The area an admin account covers. */
export const ALL_AREAS = 'all';

/**
 * Roles that see identity and phone numbers unmasked: village officers, who visit the
 * households and need to reach them. Others see them masked.
 */
export const UNMASKED_ROLES: readonly Role[] = Object.freeze(['village']);
