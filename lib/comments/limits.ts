/** WordPress's limits, which readers of blogs are used to (shared by the schema and the form). */
export const LIMITS = { name: 245, email: 100, website: 200, body: 65_525 } as const;
