// Dates for tests that drive code touching the database or the clock: relative to the real now,
// so that a test means the same thing whatever day it runs (CONVENTIONS.md, « Time »). Fixed
// calendar dates stay only in tests of pure functions that receive `now`, and in data.

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const seconds = (count: number) => count * SECOND;
export const minutes = (count: number) => count * MINUTE;
export const hours = (count: number) => count * HOUR;
export const days = (count: number) => count * DAY;

/**
 * The real now when the test file was loaded, to the whole second: stored and read back, it is the
 * same on SQLite (ISO text) and PostgreSQL (microseconds), and a sum of whole seconds stays one.
 */
export const NOW = new Date(Math.floor(Date.now() / SECOND) * SECOND);

/** `ms` after `from` (NOW by default); a negative `ms` is before. */
export const after = (ms: number, from: Date = NOW) => new Date(from.getTime() + ms);

/** `ms` before `from` (NOW by default). */
export const before = (ms: number, from: Date = NOW) => new Date(from.getTime() - ms);
