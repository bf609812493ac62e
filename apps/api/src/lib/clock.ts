/**
 * What time it is, for everything that counts days from now (lights, overdue, "today"). The app
 * reads it from its context, so a test can set the clock to a day of the demo year and ask the API
 * what a person would see then, instead of depending on the day the test runs.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant (tests, reproductions of a past day). */
export const fixedClock = (at: string | Date): Clock => {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`fixedClock: not a time: ${String(at)}`);
  return { now: () => new Date(instant) };
};
